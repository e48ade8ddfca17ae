package dev.alo.loadtest;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.alo.engine.InputException;
import dev.alo.proxy.Transport;
import dev.alo.proxy.http1.ResponseReader;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Open-loop HTTP load: request {@code k} is due at a time fixed in advance by a {@link RateCurve},
 * whether or not earlier requests have finished, and its latency is measured from that due time,
 * not from when it was actually written, so neither a stalled server nor a busy connection can hide
 * a queue (no coordinated omission).
 *
 * <p>Requests are dealt round robin to one event loop per thread; each loop opens keep-alive
 * connections on demand (never more than its share of the connection limit, and at most a few at a
 * time; meanwhile requests wait for the first free connection, and the wait counts). Each loop also
 * records how late it dispatched every request against its due time: a generator that cannot keep
 * up shows up as lateness, not as server latency.
 *
 * <p>Requests waiting for a connection stay in the schedule, which computes due times as they are
 * taken, so memory does not grow with the rate or with how far the server falls behind. A run
 * always ends: at the last due time plus the grace period what is unanswered counts as {@code
 * no_response}, a failure inside a loop ends the run with that failure, and a first request
 * unanswered within the grace period fails it at once.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
public final class LoadGenerator {

  /**
   * Connections being opened at once per thread: beyond it a request with no free connection waits
   * for the first one free, so a burst after a stall does not turn into a storm of connects that
   * costs more than the requests.
   */
  private static final int MAX_CONNECTING = 4;

  /** A dispatch more than this late counts as a late send (the generator behind schedule). */
  public static final Duration LATE = Duration.ofMillis(1);

  /**
   * The default shortest sleep of a thread between two looks at its schedule: every request due by
   * then is sent in one go. Waking once per request costs a context switch each (at tens of
   * thousands of requests per second most of the generator's CPU); a tick bounds the wake-ups to
   * 10,000 per second per thread at the price of sending up to 100 µs late, which counts in the
   * latency and is a tenth of {@link #LATE}.
   */
  public static final Duration TICK = Duration.ofNanos(100_000);

  /**
   * The highest rate accepted, requests per second over all threads: one event-loop thread sends
   * some tens of thousands per second, and due times are kept in nanoseconds.
   */
  public static final double MAX_RATE = 1_000_000;

  /** How long past its last deadline a run may take to shut down before it counts as stuck. */
  private static final Duration STUCK = Duration.ofSeconds(30);

  /**
   * What to run.
   *
   * @param target the URL requested with GET
   * @param curve when requests are due
   * @param threads event loops (each with its own connections)
   * @param maxConnections the most connections open at once, over all threads
   * @param grace how long after the last due time responses are still awaited; requests still
   *     unanswered then count as {@code no_response} errors
   * @param warmup before the measured curve, an unmeasured ramp up to its initial rate lasting this
   *     long (zero: none)
   * @param tick the shortest sleep between two looks at the schedule; requests due meanwhile leave
   *     together, up to this late (zero: wake at every due time, the most CPU)
   */
  public record Settings(
      URI target,
      RateCurve curve,
      int threads,
      int maxConnections,
      Duration grace,
      Duration warmup,
      Duration tick) {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when a count is not positive, the URL is not http or the
     *     curve's rate exceeds {@link #MAX_RATE}
     */
    public Settings {
      if (curve.maxRate() > MAX_RATE) {
        throw new IllegalArgumentException(
            "rate " + curve.maxRate() + " requests per second (expected at most " + MAX_RATE + ")");
      }
      if (threads < 1
          || maxConnections < 1
          || grace.isNegative()
          || warmup.isNegative()
          || tick.isNegative()) {
        throw new IllegalArgumentException(
            "threads and connections must be positive, grace, warm-up and tick not negative");
      }
      if (!"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
        throw new IllegalArgumentException(target + ": expected http://HOST:PORT/PATH");
      }
    }

    /** Settings with the default {@link LoadGenerator#TICK}. */
    public Settings(
        URI target,
        RateCurve curve,
        int threads,
        int maxConnections,
        Duration grace,
        Duration warmup) {
      this(target, curve, threads, maxConnections, grace, warmup, TICK);
    }
  }

  /**
   * One second of the run, by the second in which requests were due (sent) or ended.
   *
   * @param second seconds from the start
   * @param targetRate the curve's rate in the middle of that second
   * @param sent requests due in that second
   * @param completed 2xx responses that arrived in that second
   * @param errors failures that happened in that second
   * @param maxMs the largest latency of a 2xx response that arrived in that second
   */
  public record Second(
      int second, double targetRate, long sent, long completed, long errors, double maxMs) {}

  /**
   * The result of a run.
   *
   * @param sent requests that were due (every one is sent, late if need be)
   * @param completed 2xx responses
   * @param errors everything else: sum of {@code errorKinds}
   * @param errorKinds failures by kind: {@code status_NNN} (a non-2xx response), {@code connect}
   *     (no connection), {@code closed} (connection closed or reset before the whole response),
   *     {@code bad_response} (unparsable), {@code no_response} (unanswered at the end)
   * @param seconds the schedule's length
   * @param p50Ms median latency of 2xx responses, from each request's due time
   * @param p90Ms 90th percentile
   * @param p99Ms 99th percentile
   * @param p999Ms 99.9th percentile
   * @param maxMs the largest latency
   * @param lateSends requests dispatched more than {@link #LATE} after their due time because the
   *     generator itself was busy (not because connections were busy)
   * @param maxLagMs the worst dispatch lateness
   * @param lagAtEndMs how late the last dispatch was (behind schedule at the end)
   * @param queued requests that waited for a connection because all allowed ones were busy
   * @param connectionsOpened connections opened (a server closing them raises this)
   * @param perSecond the run second by second
   */
  public record Result(
      long sent,
      long completed,
      long errors,
      Map<String, Long> errorKinds,
      double seconds,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double p999Ms,
      double maxMs,
      long lateSends,
      double maxLagMs,
      double lagAtEndMs,
      long queued,
      long connectionsOpened,
      List<Second> perSecond) {
    public Result {
      errorKinds = java.util.Collections.unmodifiableMap(new TreeMap<>(errorKinds));
      perSecond = List.copyOf(perSecond);
    }

    /** Completed requests per second of schedule. */
    public double throughput() {
      return seconds <= 0 ? 0 : completed / seconds;
    }

    /**
     * Whether the generator kept the schedule: at most 1% of sends late by more than {@link #LATE}
     * and not behind at the end. When false, latencies include the generator's own delay.
     */
    public boolean keptSchedule() {
      return lateSends <= sent / 100 && lagAtEndMs <= LATE.toNanos() / 1e6;
    }
  }

  private final Settings settings;
  private final RateCurve curve;
  private final RateCurve lead;
  private final long leadTotal;
  private final long measuredFrom;
  private final EventLoopGroup group;
  private final Transport transport;
  private final Worker[] workers;
  private final ByteBuf request;
  private final String host;
  private final int port;
  private volatile long startNanos;

  private LoadGenerator(Settings settings) {
    this.settings = settings;
    this.curve = settings.curve();
    long warmNanos = settings.warmup().toNanos();
    this.lead =
        warmNanos > 0 && curve.initialRate() > 0
            ? RateCurve.rampTo(curve.initialRate(), settings.warmup())
            : curve;
    this.leadTotal = lead == curve ? 0 : lead.requests();
    this.measuredFrom = leadTotal > 0 ? warmNanos : 0;
    this.transport = Transport.best();
    this.group = transport.newGroup(settings.threads());
    URI t = settings.target();
    this.host = t.getHost();
    this.port = t.getPort() > 0 ? t.getPort() : 80;
    String path = t.getRawPath() == null || t.getRawPath().isEmpty() ? "/" : t.getRawPath();
    if (t.getRawQuery() != null) {
      path += "?" + t.getRawQuery();
    }
    String head =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + ":"
            + port
            + "\r\nUser-Agent: alo-loadgen\r\n\r\n";
    this.request =
        Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(head.length()).writeBytes(head.getBytes(US_ASCII)));
    int n = settings.threads();
    this.workers = new Worker[n];
    int perWorker = Math.max(1, settings.maxConnections() / n);
    int extra = settings.maxConnections() >= n ? settings.maxConnections() % n : 0;
    for (int i = 0; i < n; i++) {
      workers[i] = new Worker(group.next(), i, perWorker + (i < extra ? 1 : 0));
    }
  }

  /** Runs a constant-rate load on one thread against {@code target} and waits for the result. */
  public static Result run(URI target, double rate, Duration duration, int maxConnections) {
    return run(
        new Settings(
            target,
            RateCurve.constant(rate, duration),
            1,
            maxConnections,
            Duration.ofSeconds(10),
            Duration.ZERO));
  }

  /**
   * Runs the load and waits for the result.
   *
   * @throws InputException when the target does not answer a first (unmeasured) request
   */
  public static Result run(Settings settings) {
    LoadGenerator g = new LoadGenerator(settings);
    try {
      return g.execute();
    } finally {
      // Bounded: a loop stuck in a task must not keep the caller waiting.
      g.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  private Result execute() {
    CompletableFuture<Void> warm = new CompletableFuture<>();
    Worker first = workers[0];
    first.loop.execute(() -> first.warmUp(warm));
    Duration answer =
        settings.grace().compareTo(Duration.ofSeconds(1)) < 0
            ? Duration.ofSeconds(1)
            : settings.grace();
    try {
      join(warm, answer);
    } catch (TimeoutException e) {
      throw new InputException(
          "no response from "
              + settings.target()
              + " within "
              + answer.toMillis()
              + " ms (is it an HTTP server?)");
    }
    startNanos = System.nanoTime();
    List<CompletableFuture<Worker>> ends = new ArrayList<>();
    for (Worker w : workers) {
      ends.add(w.done);
      w.loop.execute(w::start);
    }
    // Every worker gives up by its last deadline; past that (and a margin) the run is stuck.
    long deadline =
        System.nanoTime()
            + measuredFrom
            + curve.length().toNanos()
            + settings.grace().toNanos()
            + STUCK.toNanos();
    for (CompletableFuture<Worker> f : ends) {
      try {
        join(f, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "the load generator did not finish " + STUCK.toSeconds() + " s after its deadline");
      }
    }
    return merge();
  }

  private static <T> T join(CompletableFuture<T> f, Duration timeout) throws TimeoutException {
    try {
      return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating load", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private Result merge() {
    Histogram all = new Histogram(3_600_000_000L, 3);
    Map<String, Long> kinds = new TreeMap<>();
    long completed = 0;
    long late = 0;
    long queued = 0;
    long opened = 0;
    long maxLag = 0;
    long lagAtEnd = 0;
    int seconds = 0;
    for (Worker w : workers) {
      all.add(w.latency);
      w.errorKinds.forEach((k, v) -> kinds.merge(k, v, Long::sum));
      completed += w.completed;
      late += w.lateSends;
      queued += w.queuedCount;
      opened += w.opened;
      maxLag = Math.max(maxLag, w.maxLag);
      lagAtEnd = Math.max(lagAtEnd, w.lastLag);
      seconds = Math.max(seconds, w.series.length());
    }
    List<Second> perSecond = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      long sent = 0;
      long done = 0;
      long errs = 0;
      long max = 0;
      for (Worker w : workers) {
        sent += w.series.get(s, 0);
        done += w.series.get(s, 1);
        errs += w.series.get(s, 2);
        max = Math.max(max, w.series.get(s, 3));
      }
      perSecond.add(
          new Second(
              s, curve.rateAt(s * 1_000_000_000L + 500_000_000L), sent, done, errs, ms(max)));
    }
    long errors = kinds.values().stream().mapToLong(Long::longValue).sum();
    boolean any = all.getTotalCount() > 0;
    return new Result(
        curve.requests(),
        completed,
        errors,
        kinds,
        curve.length().toNanos() / 1e9,
        any ? ms(all.getValueAtPercentile(50)) : 0,
        any ? ms(all.getValueAtPercentile(90)) : 0,
        any ? ms(all.getValueAtPercentile(99)) : 0,
        any ? ms(all.getValueAtPercentile(99.9)) : 0,
        any ? ms(all.getMaxValue()) : 0,
        late,
        maxLag / 1e6,
        lagAtEnd / 1e6,
        queued,
        opened,
        perSecond);
  }

  /** The measured second a time (from the start) falls in; warm-up times fall in second 0. */
  private int secondOf(long sinceStart) {
    return (int) (Math.max(0, sinceStart - measuredFrom) / 1_000_000_000L);
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  /** Per-second counters, growing: sent, completed, errors, max latency (micros). */
  private static final class Series {
    private long[] cells = new long[4 * 64];
    private int length;

    void add(int second, int column, long value) {
      ensure(second);
      cells[second * 4 + column] += value;
    }

    void max(int second, long value) {
      ensure(second);
      int i = second * 4 + 3;
      cells[i] = Math.max(cells[i], value);
    }

    long get(int second, int column) {
      return second < length ? cells[second * 4 + column] : 0;
    }

    int length() {
      return length;
    }

    private void ensure(int second) {
      if (second * 4 + 4 > cells.length) {
        cells = Arrays.copyOf(cells, Math.max(cells.length * 2, second * 4 + 4));
      }
      length = Math.max(length, second + 1);
    }
  }

  /** One event loop's share: requests k with k % threads == index. Touched only on its loop. */
  private final class Worker {
    /** Sends between two clock reads within a tick. */
    static final int REREAD = 16;

    final EventLoop loop;
    final int cap;
    final Bootstrap bootstrap;
    final Histogram latency = new Histogram(3_600_000_000L, 3);
    final Map<String, Long> errorKinds = new TreeMap<>();
    final Series series = new Series();
    final ArrayDeque<Conn> idle = new ArrayDeque<>();
    final List<Conn> all = new ArrayList<>();
    final LongQueue waiting = new LongQueue();
    final CompletableFuture<Worker> done = new CompletableFuture<>();
    final Schedule schedule;
    final Runnable tick = () -> guarded(this::tick);
    final long mine;
    long ended;
    long completed;
    long lateSends;
    long queuedCount;
    long opened;
    long maxLag;
    long lastLag;
    int open;
    int connecting;
    boolean finishing;

    /**
     * Requests are due that no connection could take: they stay in the schedule until one frees,
     * and count as having waited for a connection, not as late sends.
     */
    boolean backlog;

    Worker(EventLoop loop, int index, int cap) {
      this.loop = loop;
      this.cap = cap;
      this.schedule =
          new Schedule(
              lead, curve, measuredFrom, index, settings.threads(), settings.tick().toNanos());
      this.mine = schedule.mine(index);
      this.bootstrap =
          new Bootstrap()
              .group(loop)
              .channel(transport.socketChannel())
              .option(ChannelOption.TCP_NODELAY, true)
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
    }

    /** One unmeasured request, so that a dead target fails fast and the first connect is free. */
    void warmUp(CompletableFuture<Void> warm) {
      Conn c = new Conn(this);
      c.warm = warm;
      connect(c, 0);
    }

    /** Runs {@code task} on the loop; a failure in it ends this worker's part with that failure. */
    void guarded(Runnable task) {
      try {
        task.run();
      } catch (Throwable t) { // ending the run beats a loop that swallows it and a caller waiting
        if (!done.isDone()) {
          done.completeExceptionally(t);
          closeAll();
        }
        if (t instanceof VirtualMachineError vm) {
          throw vm;
        }
      }
    }

    /** The first look at the schedule, and the deadline after which nothing more is awaited. */
    void start() {
      long deadline = measuredFrom + curve.length().toNanos() + settings.grace().toNanos();
      long left = deadline - (System.nanoTime() - startNanos);
      loop.schedule(() -> guarded(this::giveUp), Math.max(0, left), TimeUnit.NANOSECONDS);
      tick.run();
    }

    /**
     * Sends every request due by now, in order, while a connection can take it, then sleeps until
     * the next is due (at least a tick). The clock is read once per tick (its requests leave at
     * about the same time) and again every {@value #REREAD} sends, so that a backlog after a stall
     * is not reported less late than it was sent.
     */
    void tick() {
      if (done.isDone()) {
        return;
      }
      long now = System.nanoTime() - startNanos;
      long due;
      int sent = 0;
      while (canSend() && (due = schedule.takeDue(now)) >= 0) {
        taken(due, now, backlog);
        dispatch(due);
        if (++sent % REREAD == 0) {
          now = System.nanoTime() - startNanos;
        }
      }
      backlog = schedule.isDue(now);
      if (schedule.hasNext()) {
        loop.schedule(tick, schedule.sleepAfter(now), TimeUnit.NANOSECONDS);
      } else {
        finishing = true;
        maybeFinish();
      }
    }

    /** Accounts for a request taken from the schedule at {@code now}. */
    void taken(long due, long now, boolean waitedForConnection) {
      if (due < measuredFrom) {
        return;
      }
      if (waitedForConnection) {
        queuedCount++;
      } else {
        long lag = now - due;
        lastLag = lag;
        maxLag = Math.max(maxLag, lag);
        if (lag > LATE.toNanos()) {
          lateSends++;
        }
      }
      series.add(secondOf(due), 0, 1);
    }

    /** Whether a request could leave now: a connection is idle or another may be opened. */
    boolean canSend() {
      return !idle.isEmpty() || (open < cap && connecting < MAX_CONNECTING);
    }

    /** Sends what waits for a connection (retried requests first, then the schedule's backlog). */
    void drain() {
      while (canSend() && !done.isDone()) {
        if (!waiting.isEmpty()) {
          dispatch(waiting.poll());
          continue;
        }
        if (!backlog) {
          return;
        }
        long now = System.nanoTime() - startNanos;
        long due = schedule.takeDue(now);
        if (due < 0) {
          backlog = false;
          return;
        }
        taken(due, now, true);
        dispatch(due);
      }
    }

    void dispatch(long due) {
      Conn c = idle.pollLast();
      if (c != null) {
        c.send(due);
      } else if (open < cap && connecting < MAX_CONNECTING) {
        connect(new Conn(this), due);
      } else {
        if (due >= measuredFrom) {
          queuedCount++;
        }
        waiting.add(due);
      }
    }

    void connect(Conn c, long due) {
      connecting++;
      open++;
      opened++;
      all.add(c);
      c.due = due;
      c.busy = true;
      bootstrap
          .clone()
          .handler(c)
          .connect(host, port)
          .addListener(
              (ChannelFutureListener)
                  f ->
                      guarded(
                          () -> {
                            connecting--;
                            if (f.isSuccess()) {
                              c.channel = f.channel();
                              c.write();
                            } else {
                              open--;
                              all.remove(c);
                              c.busy = false;
                              c.failed("connect");
                              drain();
                            }
                          }));
    }

    void responded(long due, int status) {
      long now = System.nanoTime() - startNanos;
      int second = secondOf(now);
      ended++;
      if (due < measuredFrom) {
        maybeFinish();
        return;
      }
      if (status >= 200 && status < 300) {
        completed++;
        long micros = Math.max(1, (now - due) / 1000);
        latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
        series.add(second, 1, 1);
        series.max(second, micros);
      } else {
        error("status_" + status, second);
      }
      maybeFinish();
    }

    void failed(long due, String kind) {
      ended++;
      if (due >= measuredFrom) {
        error(kind, secondOf(System.nanoTime() - startNanos));
      }
      maybeFinish();
    }

    private void error(String kind, int second) {
      errorKinds.merge(kind, 1L, Long::sum);
      series.add(second, 2, 1);
    }

    /** A connection is free: it serves the oldest waiting request, else it is parked. */
    void released(Conn c) {
      idle.addLast(c);
      drain();
    }

    void maybeFinish() {
      if (finishing && ended >= mine) {
        finish();
      }
    }

    void giveUp() {
      if (done.isDone()) {
        return;
      }
      long missing = mine - ended;
      if (missing > 0) {
        errorKinds.merge("no_response", missing, Long::sum);
        series.add(Math.max(0, series.length() - 1), 2, missing);
        ended = mine;
      }
      finish();
    }

    void finish() {
      if (done.isDone()) {
        return;
      }
      done.complete(this);
      closeAll();
    }

    void closeAll() {
      for (Conn c : List.copyOf(all)) {
        c.finished = true;
        Channel ch = c.channel;
        if (ch != null) {
          ch.close();
        }
      }
    }
  }

  private final class Conn extends ChannelInboundHandlerAdapter {
    final Worker w;
    @Nullable CompletableFuture<Void> warm;
    @Nullable Channel channel;
    long due;
    boolean busy;
    boolean finished;
    String failure = "closed";
    final ResponseReader reader = new ResponseReader();
    @Nullable ByteBuf pending;

    Conn(Worker w) {
      this.w = w;
    }

    void send(long dueNanos) {
      Channel ch = channel;
      if (ch == null || !ch.isActive()) {
        w.dispatch(dueNanos);
        return;
      }
      due = dueNanos;
      busy = true;
      write();
    }

    void write() {
      Channel ch = channel;
      if (ch != null) {
        // No promise: a failed write closes the channel, which fails the request there.
        ch.writeAndFlush(request.duplicate(), ch.voidPromise());
      }
    }

    void failed(String kind) {
      CompletableFuture<Void> wf = warm;
      if (wf != null) {
        wf.completeExceptionally(
            new InputException(
                "cannot get a response from " + settings.target() + " (is the server running?)"));
      } else if (!finished) {
        w.failed(due, kind);
      }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      try {
        ByteBuf buf = in;
        ByteBuf held = pending;
        if (held != null) {
          held.writeBytes(in);
          buf = held;
        }
        while (buf.isReadable() && ctx.channel().isActive()) {
          int status;
          try {
            status = reader.read(buf);
          } catch (ResponseReader.MalformedException e) {
            failure = "bad_response";
            ctx.close();
            return;
          }
          if (status == ResponseReader.MORE) {
            break;
          }
          ended(ctx, status, reader.keepAlive());
        }
        if (buf.isReadable() && ctx.channel().isActive()) {
          if (held == null) {
            pending = ctx.alloc().heapBuffer(buf.readableBytes() * 2).writeBytes(buf);
          } else {
            held.discardReadBytes();
          }
        } else if (held != null) {
          held.release();
          pending = null;
        }
      } finally {
        in.release();
      }
    }

    private void ended(ChannelHandlerContext ctx, int status, boolean keepAlive) {
      if (!busy) {
        // A response nobody asked for: the connection is out of step.
        failure = "bad_response";
        ctx.close();
        return;
      }
      busy = false;
      CompletableFuture<Void> wf = warm;
      if (wf != null) {
        warm = null;
        // Any answer shows the server is there; its errors are counted in the measured load.
        wf.complete(null);
      } else {
        w.responded(due, status);
      }
      if (keepAlive) {
        w.released(this);
      } else {
        ctx.close();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      ByteBuf held = pending;
      if (held != null) {
        held.release();
        pending = null;
      }
      if (busy) {
        int status = reader.closed();
        if (status != ResponseReader.MORE) {
          ended(ctx, status, false);
        }
      }
      w.idle.remove(this);
      w.all.remove(this);
      w.open--;
      if (busy) {
        busy = false;
        failed(failure);
      }
      if (!finished) {
        w.drain();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (!(cause instanceof IOException)) {
        failure = "bad_response";
      }
      ctx.close();
    }
  }
}
