package dev.alo.engine;

/**
 * A problem with what a user gave ALO (a file, a flag, a configuration value). The message is
 * complete and written for that user: what was wrong, where, and what was expected. Adapters print
 * it as it is, without a stack trace.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
