package dev.alo.proxy;

import dev.alo.engine.balance.Backend;
import dev.alo.engine.balance.Balancer;
import dev.alo.engine.balance.BalancerOptions;
import dev.alo.proxy.upstream.BackendState;
import dev.alo.proxy.upstream.OutlierDetector;
import dev.alo.proxy.upstream.RetryBudget;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What every client connection of one proxy shares, without sockets or threads of its own: the
 * configuration, the nanosecond clock, the backends with their balancer, outlier detector and retry
 * budget, and the proxy-wide counters. {@link ProxyServer} owns one and adds the listener, the
 * event loops and the timers; tests run connections on embedded channels over one.
 */
final class ProxyContext {
  private final ProxyConfig config;
  private final ProxyLog log;
  private final @Nullable AccessLog accessLog;
  private final LongSupplier clock;
  private final Balancer balancer;
  private final CopyOnWriteArrayList<BackendState> members = new CopyOnWriteArrayList<>();
  private volatile IdentityHashMap<Backend, BackendState> byBackend = new IdentityHashMap<>();
  private final OutlierDetector outliers;
  private final RetryBudget retryBudget;
  private final AtomicInteger connections = new AtomicInteger();
  private final LongAdder clientErrors = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final AtomicLong panicNext = new AtomicLong();
  private volatile boolean panicLogged;

  ProxyContext(
      ProxyConfig config, ProxyLog log, LongSupplier clock, @Nullable AccessLog accessLog) {
    this.config = config;
    this.log = log;
    this.clock = clock;
    this.accessLog = accessLog;
    this.balancer = config.algorithm().create(BalancerOptions.threadSafe(clock));
    this.outliers = new OutlierDetector(config.outliers(), () -> members, log);
    this.retryBudget =
        new RetryBudget(config.retries().budgetRatio(), config.retries().minConcurrent());
    for (BackendAddress a : config.backends()) {
      addMember(a);
    }
  }

  ProxyConfig config() {
    return config;
  }

  ProxyLog log() {
    return log;
  }

  @Nullable AccessLog accessLog() {
    return accessLog;
  }

  long nanoTime() {
    return clock.getAsLong();
  }

  /** The proxy's nanosecond clock, for timers. */
  LongSupplier clock() {
    return clock;
  }

  Balancer balancer() {
    return balancer;
  }

  OutlierDetector outliers() {
    return outliers;
  }

  RetryBudget retryBudget() {
    return retryBudget;
  }

  LongAdder retries() {
    return retries;
  }

  LongAdder clientErrors() {
    return clientErrors;
  }

  int connections() {
    return connections.get();
  }

  /** Counts a new client connection; false when it is one too many (close it). */
  boolean connectionOpened() {
    return connections.incrementAndGet() <= config.limits().maxConnections();
  }

  void connectionClosed() {
    connections.decrementAndGet();
  }

  // ------------------------------------------------------------ membership

  List<BackendState> members() {
    return members;
  }

  int memberCount() {
    return members.size();
  }

  @Nullable BackendState stateOf(Backend b) {
    return byBackend.get(b);
  }

  /** Adds a backend and hands it to the balancer. */
  BackendState addMember(BackendAddress a) {
    BackendState b = new BackendState(a, clock, Math.max(0, config.health().slowStart().toNanos()));
    members.add(b);
    rebuild();
    return b;
  }

  /** Takes a backend out of the members and the balancer (its requests in flight go on). */
  void removeMember(BackendState b) {
    members.remove(b);
    rebuild();
  }

  /** Hands the members to the balancer again (after a weight changed). */
  void rebuild() {
    IdentityHashMap<Backend, BackendState> map = new IdentityHashMap<>();
    List<Backend> list = new ArrayList<>();
    for (BackendState b : members) {
      map.put(b.backend(), b);
      list.add(b.backend());
    }
    byBackend = map;
    balancer.setBackends(list);
  }

  /**
   * A backend for when the balancer offers none that a request has not tried yet: a healthy untried
   * one if any, else (panic routing) one that only fails its active checks (not ejected, not
   * draining); null when there is none. Rotates so that fallbacks spread.
   */
  @Nullable BackendState fallbackPick(Predicate<BackendState> tried) {
    List<BackendState> all = members;
    int n = all.size();
    if (n == 0) {
      return null;
    }
    int start = (int) Long.remainderUnsigned(panicNext.getAndIncrement(), n);
    for (int i = 0; i < n; i++) {
      BackendState b = all.get((start + i) % n);
      if (b.inRotation() && !tried.test(b)) {
        return b;
      }
    }
    for (int i = 0; i < n; i++) {
      BackendState b = all.get((start + i) % n);
      if (b.onlyFailingChecks() && !tried.test(b)) {
        if (!panicLogged) {
          panicLogged = true;
          log.log("panic: every backend fails its health checks; routing to them anyway");
        }
        return b;
      }
    }
    return null;
  }

  /** Whether a backend other than {@code b} is in rotation (up, not ejected, not draining). */
  boolean anyHealthyBesides(BackendState b) {
    for (BackendState m : members) {
      if (m != b && m.inRotation()) {
        return true;
      }
    }
    return false;
  }

  String noBackendReason() {
    int n = members.size();
    if (n == 0) {
      return "no backend configured";
    }
    int down = 0;
    int ejected = 0;
    for (BackendState b : members) {
      if (b.ejected()) {
        ejected++;
      } else if (b.failingChecks()) {
        down++;
      }
    }
    return "no healthy backend ("
        + n
        + " configured: "
        + down
        + " failing health checks, "
        + ejected
        + " ejected)";
  }
}
