package dev.alo.loadtest;

/**
 * One thread's part of a run's schedule: requests {@code index, index + stride, ...} of a warm-up
 * curve followed by the measured curve, each due at a time fixed in advance (nanoseconds from the
 * start). The thread takes every request that is due by the time it looks, in order, each exactly
 * once, and then sleeps until the next one is due, but never less than a tick, so that a high rate
 * costs one wake-up per tick instead of one per request. Not thread-safe.
 */
final class Schedule {
  private final RateCurve lead;
  private final long leadTotal;
  private final RateCurve curve;
  private final long measuredFrom;
  private final long total;
  private final int stride;
  private final long tickNanos;
  private long next;
  private long nextDue;

  /**
   * @param lead the unmeasured warm-up curve, or {@code curve} itself when there is none
   * @param curve the measured curve, starting at {@code measuredFrom}
   * @param measuredFrom when the measured curve starts (0 without a warm-up)
   * @param index this thread's first request
   * @param stride threads sharing the schedule
   * @param tickNanos the shortest sleep between two looks
   */
  Schedule(
      RateCurve lead, RateCurve curve, long measuredFrom, int index, int stride, long tickNanos) {
    this.lead = lead;
    this.leadTotal = lead == curve ? 0 : lead.requests();
    this.curve = curve;
    this.measuredFrom = measuredFrom;
    this.total = leadTotal + curve.requests();
    this.stride = stride;
    this.tickNanos = tickNanos;
    this.next = index;
    this.nextDue = next < total ? dueAt(next) : Long.MAX_VALUE;
  }

  /** Requests this thread sends over the whole run. */
  long mine(int index) {
    return total > index ? (total - index + stride - 1) / stride : 0;
  }

  /** Whether a request is left. */
  boolean hasNext() {
    return next < total;
  }

  /** Whether a request is due by {@code now} (and not taken yet). */
  boolean isDue(long now) {
    return nextDue <= now;
  }

  /**
   * The due time of the next request when it is due by {@code now}, taking it; otherwise -1 and
   * nothing is taken.
   */
  long takeDue(long now) {
    long due = nextDue;
    if (due > now) {
      return -1;
    }
    next += stride;
    nextDue = next < total ? dueAt(next) : Long.MAX_VALUE;
    return due;
  }

  /**
   * How long to sleep after looking at {@code now}: until the next request is due, but at least a
   * tick; only meaningful while {@link #hasNext()}.
   */
  long sleepAfter(long now) {
    return Math.max(tickNanos, nextDue - now);
  }

  /** When request {@code k} of the whole run (warm-up first) is due, from the start. */
  private long dueAt(long k) {
    return k < leadTotal ? lead.dueAt(k) : measuredFrom + curve.dueAt(k - leadTotal);
  }
}
