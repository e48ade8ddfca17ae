package dev.alo.proxy;

import java.util.List;
import java.util.function.Supplier;

/**
 * Passive outlier detection: a backend that fails {@code consecutiveFailures} requests in a row
 * (5xx, reset, timeout), or refuses a single connection, is ejected for the base time times the
 * number of ejections in a row (capped), while never more than the configured share of backends is
 * ejected at once. Time is passed in (proxy clock nanos), so the policy is testable without
 * waiting.
 */
final class OutlierDetector {
  private final ProxyConfig.Outliers config;
  private final Supplier<List<BackendState>> members;
  private final ProxyLog log;

  OutlierDetector(ProxyConfig.Outliers config, Supplier<List<BackendState>> members, ProxyLog log) {
    this.config = config;
    this.members = members;
    this.log = log;
  }

  void onSuccess(BackendState b) {
    if (b.consecutiveFailures.get() != 0) {
      b.consecutiveFailures.set(0);
    }
  }

  /**
   * Counts a failure against {@code b}; a connect failure ejects at once.
   *
   * @return whether the backend was ejected by this failure
   */
  boolean onFailure(BackendState b, long nowNanos, boolean connectFailure, String why) {
    int n = b.consecutiveFailures.incrementAndGet();
    if (connectFailure || n >= config.consecutiveFailures()) {
      return eject(b, nowNanos, connectFailure ? why : n + " failures in a row, last: " + why);
    }
    return false;
  }

  private synchronized boolean eject(BackendState b, long nowNanos, String why) {
    if (b.ejected() || b.removed) {
      return false;
    }
    List<BackendState> all = members.get();
    int ejected = 0;
    for (BackendState m : all) {
      if (m.ejected()) {
        ejected++;
      }
    }
    int max = (int) Math.floor(all.size() * config.maxEjectedShare());
    if (ejected >= max) {
      return false;
    }
    if (b.lastEjectionEnd != 0 && nowNanos - b.lastEjectionEnd > config.maxEjection().toNanos()) {
      b.ejectionsInARow = 0;
    }
    b.ejectionsInARow++;
    b.totalEjections++;
    long duration =
        Math.min(
            config.baseEjection().toNanos() * b.ejectionsInARow, config.maxEjection().toNanos());
    b.ejectedUntil = Math.max(1, nowNanos + duration);
    b.consecutiveFailures.set(0);
    b.refresh();
    log.log(
        "backend "
            + b.id()
            + " ejected for "
            + duration / 1_000_000
            + " ms ("
            + why
            + "; ejection "
            + b.ejectionsInARow
            + " in a row)");
    return true;
  }

  /** Re-admits backends whose ejection time is over. */
  synchronized void tick(long nowNanos) {
    for (BackendState b : members.get()) {
      long until = b.ejectedUntil;
      if (until != 0 && nowNanos - until >= 0) {
        b.ejectedUntil = 0;
        b.lastEjectionEnd = nowNanos;
        b.refresh();
        log.log("backend " + b.id() + " re-admitted after its ejection");
      }
    }
  }
}
