package dev.alo.cli;

/**
 * A combination of arguments that parses but makes no sense (a negative rate, no servers...). Ends
 * the command with exit code 2, the message and the command's usage.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
