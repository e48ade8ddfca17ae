package dev.alo.autoscaler;

/** A request to the proxy's admin endpoint failed; the message names the request and the cause. */
final class AdminRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String detail;

  AdminRequestException(String message) {
    super(message);
    this.detail = message;
  }

  /** The message, never null. */
  String detail() {
    return detail;
  }
}
