package dev.alo.cli;

import java.io.Console;
import java.io.PrintWriter;

/**
 * A one-line progress display on stderr, redrawn with {@code \r}, shown only when the process runs
 * on a terminal ({@link System#console()} exists and is a terminal); otherwise it prints nothing.
 */
final class Progress {
  private final PrintWriter err;
  private final boolean active;
  private int shown = -1;

  private Progress(PrintWriter err, boolean active) {
    this.err = err;
    this.active = active;
  }

  /** A progress line on {@code err} when on a terminal, else a silent one. */
  static Progress forTerminal(PrintWriter err) {
    return new Progress(err, onTerminal());
  }

  /** Whether a console exists and (on JDK 22+, where one always exists) is a terminal. */
  @SuppressWarnings("SystemConsoleNull") // null on JDK 21; isTerminal() below covers JDK 22+
  static boolean onTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return Boolean.TRUE.equals(Console.class.getMethod("isTerminal").invoke(c));
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21 has no isTerminal() and a console only on a terminal
    }
  }

  /** Shows that {@code done} of {@code total} series are finished. */
  void update(int done, int total) {
    if (active && done != shown) {
      shown = done;
      int width = 30;
      int filled = total == 0 ? width : (int) ((long) done * width / total);
      err.print(
          "\ralo: forecast ["
              + "#".repeat(filled)
              + " ".repeat(width - filled)
              + "] "
              + done
              + "/"
              + total);
      err.flush();
    }
  }

  /** Clears the line. */
  void done() {
    if (active && shown >= 0) {
      err.print("\r" + " ".repeat(72) + "\r");
      err.flush();
    }
  }
}
