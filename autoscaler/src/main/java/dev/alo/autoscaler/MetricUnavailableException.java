package dev.alo.autoscaler;

/** The load metric could not be read this interval; the message says why. */
public final class MetricUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MetricUnavailableException(String message) {
    super(message);
  }

  public MetricUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
