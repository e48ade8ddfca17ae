package dev.alo.proxy.upstream;

import dev.alo.proxy.ProxyConfig;
import dev.alo.proxy.ProxyLog;
import java.util.List;
import java.util.function.Supplier;

/**
 * Passive outlier detection: a backend that fails {@code consecutiveFailures} requests in a row
 * (5xx, reset, timeout), or refuses a single connection, is ejected for the base time times the
 * number of ejections in a row (capped), while never more than the configured share of backends is
 * ejected at once. Time is passed in (proxy clock nanos), so the policy is testable without
 * waiting.
 */
public final class OutlierDetector {
  private final ProxyConfig.Outliers config;
  private final Supplier<List<BackendState>> members;
  private final ProxyLog log;

  public OutlierDetector(
      ProxyConfig.Outliers config, Supplier<List<BackendState>> members, ProxyLog log) {
    this.config = config;
    this.members = members;
    this.log = log;
  }

  public void onSuccess(BackendState b) {
    b.succeeded();
  }

  /**
   * Counts a failure against {@code b}; a connect failure ejects at once.
   *
   * @return whether the backend was ejected by this failure
   */
  public boolean onFailure(BackendState b, long nowNanos, boolean connectFailure, String why) {
    int n = b.failedAgain();
    if (connectFailure || n >= config.consecutiveFailures()) {
      return eject(b, nowNanos, connectFailure ? why : n + " failures in a row, last: " + why);
    }
    return false;
  }

  private synchronized boolean eject(BackendState b, long nowNanos, String why) {
    if (b.ejected() || b.removed()) {
      return false;
    }
    List<BackendState> all = members.get();
    int ejected = 0;
    for (BackendState m : all) {
      if (m.ejected()) {
        ejected++;
      }
    }
    if (ejected >= (int) Math.floor(all.size() * config.maxEjectedShare())) {
      return false;
    }
    long longest = config.maxEjection().toNanos();
    int inARow = b.nextEjection(nowNanos, longest);
    long duration = Math.min(config.baseEjection().toNanos() * inARow, longest);
    b.eject(nowNanos + duration);
    log.log(
        "backend "
            + b.id()
            + " ejected for "
            + duration / 1_000_000
            + " ms ("
            + why
            + "; ejection "
            + inARow
            + " in a row)");
    return true;
  }

  /** Re-admits backends whose ejection time is over. */
  public synchronized void tick(long nowNanos) {
    for (BackendState b : members.get()) {
      if (b.readmitIfDue(nowNanos)) {
        log.log("backend " + b.id() + " re-admitted after its ejection");
      }
    }
  }
}
