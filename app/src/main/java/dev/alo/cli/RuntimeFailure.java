package dev.alo.cli;

/**
 * A failure the user can act on, reported as one line without a stack trace and exit code 1: the
 * work needs more memory than Java may use, a port is taken, an output file cannot be written.
 */
final class RuntimeFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RuntimeFailure(String message) {
    super(message);
  }
}
