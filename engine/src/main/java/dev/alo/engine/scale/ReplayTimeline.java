package dev.alo.engine.scale;

/**
 * The replicas of every replayed interval: those asked for (starting ones included) and those
 * serving. Arrays are copied on the way out.
 */
public final class ReplayTimeline {
  private final long startMillis;
  private final long stepMillis;
  private final int scoredFrom;
  private final int[] desired;
  private final int[] ready;

  ReplayTimeline(long startMillis, long stepMillis, int scoredFrom, int[] desired, int[] ready) {
    this.startMillis = startMillis;
    this.stepMillis = stepMillis;
    this.scoredFrom = scoredFrom;
    this.desired = desired;
    this.ready = ready;
  }

  /** The start of the first interval, epoch milliseconds. */
  public long startMillis() {
    return startMillis;
  }

  /** The control interval, milliseconds. */
  public long stepMillis() {
    return stepMillis;
  }

  /** The first interval scored (the warmup's end). */
  public int scoredFrom() {
    return scoredFrom;
  }

  /** The number of intervals. */
  public int size() {
    return desired.length;
  }

  /** Replicas in existence during each interval. */
  public int[] desired() {
    return desired.clone();
  }

  /** Replicas serving during each interval. */
  public int[] ready() {
    return ready.clone();
  }
}
