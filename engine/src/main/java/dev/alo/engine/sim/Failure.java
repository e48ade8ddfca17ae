package dev.alo.engine.sim;

/**
 * Server {@code server} (0-based index into the initial servers) fails at {@code at} and comes back
 * at {@code recoverAt} (simulated seconds; positive infinity: never).
 */
public record Failure(int server, double at, double recoverAt) {
  public Failure {
    if (server < 0) {
      throw new IllegalArgumentException("failure: server index " + server + " (expected: >= 0)");
    }
    if (!(at >= 0) || Double.isInfinite(at)) {
      throw new IllegalArgumentException("failure: time " + at + " (expected: >= 0)");
    }
    if (!(recoverAt > at)) {
      throw new IllegalArgumentException(
          "failure: recovery at " + recoverAt + " (expected: after the failure at " + at + ")");
    }
  }

  /** A failure that lasts until the end. */
  public static Failure permanent(int server, double at) {
    return new Failure(server, at, Double.POSITIVE_INFINITY);
  }
}
