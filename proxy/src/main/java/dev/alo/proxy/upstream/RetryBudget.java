package dev.alo.proxy.upstream;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits concurrent retries to a share of active requests, with a floor, so that retries cannot
 * multiply load when every backend is failing (Envoy's retry budget).
 */
public final class RetryBudget {
  private final double ratio;
  private final int floor;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger retries = new AtomicInteger();

  public RetryBudget(double ratio, int floor) {
    this.ratio = ratio;
    this.floor = floor;
  }

  public void requestStarted() {
    active.incrementAndGet();
  }

  public void requestFinished() {
    active.decrementAndGet();
  }

  /** Takes a retry token if the budget allows; give it back with {@link #release}. */
  public boolean tryAcquire() {
    while (true) {
      int r = retries.get();
      int allowed = Math.max(floor, (int) (active.get() * ratio));
      if (r >= allowed) {
        return false;
      }
      if (retries.compareAndSet(r, r + 1)) {
        return true;
      }
    }
  }

  public void release() {
    retries.decrementAndGet();
  }

  public int activeRequests() {
    return active.get();
  }
}
