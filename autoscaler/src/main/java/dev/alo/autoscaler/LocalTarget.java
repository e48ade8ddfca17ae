package dev.alo.autoscaler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Sample backends on this machine behind the proxy. Scaling out starts a backend on a free port,
 * waits until it answers HTTP and adds it through the proxy's admin API; scaling in removes the
 * newest one through the admin API, which drains it (no new requests, the in-flight ones finish),
 * waits until the proxy has dropped it and only then stops it. One worker thread does this, one
 * backend at a time; a failed step is logged and retried after a delay.
 */
public final class LocalTarget implements ScalingTarget {
  private enum State {
    STARTING,
    READY,
    DRAINING
  }

  private static final class Replica {
    final String id;
    final BackendLauncher.Launched launched;
    State state = State.STARTING;

    Replica(String id, BackendLauncher.Launched launched) {
      this.id = id;
      this.launched = launched;
    }
  }

  private final AdminClient admin;
  private final BackendLauncher launcher;
  private final String host;
  private final Duration readyTimeout;
  private final Duration drainTimeout;
  private final Duration pollInterval;
  private final Duration retryDelay;
  private final LongSupplier nanoClock;
  private final Consumer<String> log;
  private final HttpClient probe;
  private final ScheduledThreadPoolExecutor worker;
  private final List<Replica> replicas = new ArrayList<>();
  private int desired;
  private boolean closed;

  private LocalTarget(Builder b) {
    this.admin = new AdminClient(b.admin, Optional.of(b.token), b.requestTimeout);
    this.launcher = b.launcher;
    this.host = b.host;
    this.readyTimeout = b.readyTimeout;
    this.drainTimeout = b.drainTimeout;
    this.pollInterval = b.pollInterval;
    this.retryDelay = b.retryDelay;
    this.nanoClock = b.nanoClock;
    this.log = b.log;
    this.probe =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(b.requestTimeout)
            .build();
    this.worker =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = Executors.defaultThreadFactory().newThread(r);
              t.setName("alo-local-target");
              t.setDaemon(true);
              return t;
            });
    worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * A local target adding backends to the proxy whose admin endpoint is {@code admin}, with the
   * admin {@code token}, started by {@code launcher}.
   */
  public static Builder builder(URI admin, String token, BackendLauncher launcher) {
    return new Builder(admin, token, launcher);
  }

  @Override
  public String describe() {
    return "local backends on " + host + " behind " + admin.base();
  }

  @Override
  public synchronized Replicas replicas() {
    Set<String> ready = new HashSet<>();
    for (Replica r : replicas) {
      if (r.state == State.READY) {
        ready.add(r.id);
      }
    }
    return new Replicas(desired, replicas.size(), ready);
  }

  @Override
  public void scaleTo(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("desired replicas: " + n + " (expected: >= 0)");
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the local target is closed");
      }
      desired = n;
    }
    worker.execute(this::reconcile);
  }

  /** Drains and stops every backend this target started, then its worker. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      desired = 0;
    }
    worker.execute(this::reconcile);
    worker.shutdown();
    try {
      worker.awaitTermination(
          readyTimeout.plus(drainTimeout).toMillis() + 10_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    worker.shutdownNow();
    List<Replica> left;
    synchronized (this) {
      left = new ArrayList<>(replicas);
      replicas.clear();
    }
    for (Replica r : left) {
      log.accept("backend " + r.id + " stopped without draining (the target was closing)");
      r.launched.stop();
    }
  }

  /** Starts or stops one backend at a time until the count matches the desired one. */
  private void reconcile() {
    while (true) {
      Optional<Replica> toStop;
      synchronized (this) {
        long active = replicas.stream().filter(r -> r.state != State.DRAINING).count();
        if (active == desired) {
          return;
        }
        toStop = active < desired ? Optional.empty() : Optional.of(newestReady());
        toStop.ifPresent(r -> r.state = State.DRAINING);
      }
      try {
        if (toStop.isPresent()) {
          stopOne(toStop.get());
        } else {
          startOne();
        }
      } catch (RuntimeException e) {
        log.accept(describeFailure(e) + "; trying again in " + retryDelay.toSeconds() + "s");
        retryLater();
        return;
      }
    }
  }

  private Replica newestReady() {
    for (int i = replicas.size() - 1; i >= 0; i--) {
      if (replicas.get(i).state == State.READY) {
        return replicas.get(i);
      }
    }
    throw new IllegalStateException("no ready backend to stop");
  }

  // reconcile logs its own failures; nothing waits for the retry's future.
  @SuppressWarnings("FutureReturnValueIgnored")
  private void retryLater() {
    try {
      worker.schedule(this::reconcile, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.accept("not retrying: the local target is closing");
    }
  }

  private void startOne() {
    int port = freePort();
    String id = host + ":" + port;
    BackendLauncher.Launched launched = launcher.launch(new InetSocketAddress(host, port));
    Replica r = new Replica(id, launched);
    synchronized (this) {
      replicas.add(r);
    }
    try {
      awaitAnswer(r);
      admin.add("http://" + id);
    } catch (RuntimeException e) {
      forget(r);
      launched.stop();
      throw e;
    }
    synchronized (this) {
      r.state = State.READY;
    }
    log.accept("backend " + id + " answers and was added to the proxy");
  }

  private void stopOne(Replica r) {
    try {
      if (listed(r.id)) {
        admin.remove(r.id);
        log.accept("backend " + r.id + " draining");
        awaitDrained(r.id);
      }
    } catch (RuntimeException e) {
      synchronized (this) {
        r.state = State.READY;
      }
      throw e;
    }
    r.launched.stop();
    forget(r);
    log.accept("backend " + r.id + " drained and stopped");
  }

  private synchronized void forget(Replica r) {
    replicas.remove(r);
  }

  private boolean listed(String id) {
    return admin.stats().stream().anyMatch(c -> c.id().equals(id));
  }

  private void awaitAnswer(Replica r) {
    long deadline = nanoClock.getAsLong() + readyTimeout.toNanos();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://" + r.id + "/")).timeout(pollInterval).build();
    while (true) {
      if (!r.launched.alive()) {
        throw new IllegalStateException("backend " + r.id + " exited before answering");
      }
      try {
        probe.send(req, HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        if (nanoClock.getAsLong() - deadline >= 0) {
          throw new IllegalStateException(
              "backend " + r.id + " did not answer within " + readyTimeout.toSeconds() + "s");
        }
        pause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for backend " + r.id);
      }
    }
  }

  private void awaitDrained(String id) {
    long deadline = nanoClock.getAsLong() + drainTimeout.toNanos();
    while (listed(id)) {
      if (nanoClock.getAsLong() - deadline >= 0) {
        log.accept(
            "backend "
                + id
                + " still draining after "
                + drainTimeout.toSeconds()
                + "s; stopping it");
        return;
      }
      pause();
    }
  }

  private void pause() {
    try {
      Thread.sleep(pollInterval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  private int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  private static String describeFailure(RuntimeException e) {
    if (e instanceof AdminRequestException a) {
      return a.detail();
    }
    return String.valueOf(e.getMessage());
  }

  /** A local target's settings, each checked when set. */
  public static final class Builder {
    private final URI admin;
    private final String token;
    private final BackendLauncher launcher;
    private String host = "127.0.0.1";
    private Duration requestTimeout = Duration.ofSeconds(5);
    private Duration readyTimeout = Duration.ofSeconds(60);
    private Duration drainTimeout = Duration.ofMinutes(2);
    private Duration pollInterval = Duration.ofMillis(100);
    private Duration retryDelay = Duration.ofSeconds(5);
    private LongSupplier nanoClock = System::nanoTime;
    private Consumer<String> log = message -> {};

    private Builder(URI admin, String token, BackendLauncher launcher) {
      this.admin = admin;
      this.token = token;
      this.launcher = launcher;
    }

    /** The address backends listen on (default 127.0.0.1). */
    public Builder host(String h) {
      host = h;
      return this;
    }

    /** How long a new backend may take to answer (default 60s). */
    public Builder readyTimeout(Duration d) {
      readyTimeout = positive("ready timeout", d);
      return this;
    }

    /** How long a removed backend may take to finish its requests (default 2m). */
    public Builder drainTimeout(Duration d) {
      drainTimeout = positive("drain timeout", d);
      return this;
    }

    /** How often readiness and drains are checked (default 100ms). */
    public Builder pollInterval(Duration d) {
      pollInterval = positive("poll interval", d);
      return this;
    }

    /** The wait before a failed start or stop is tried again (default 5s). */
    public Builder retryDelay(Duration d) {
      retryDelay = positive("retry delay", d);
      return this;
    }

    /** The clock deadlines are measured on (default {@code System::nanoTime}). */
    public Builder nanoClock(LongSupplier c) {
      nanoClock = c;
      return this;
    }

    /** Where progress and failures are told, one line each (default nowhere). */
    public Builder log(Consumer<String> l) {
      log = l;
      return this;
    }

    public LocalTarget build() {
      return new LocalTarget(this);
    }

    private static Duration positive(String what, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + ": " + d + " (expected: > 0)");
      }
      return d;
    }
  }
}
