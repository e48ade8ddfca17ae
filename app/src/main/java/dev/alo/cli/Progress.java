package dev.alo.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress display on stderr, redrawn with {@code \r}: {@code alo: LABEL [#### ] 3/10}
 * (or {@code 45% of 211 MB}, or {@code 45%}), shown only when stderr is a terminal ({@link
 * #onTerminal()}); otherwise it prints nothing, so logs and pipes never see it. The system property
 * {@code alo.progress=true} shows it anyway (for tests). It is redrawn at most once per thousandth
 * of the total, and cleared by {@link #done()}.
 */
final class Progress {
  private static final int WIDTH = 30;
  private static final int STEPS = 1000;

  private final PrintWriter err;
  private final boolean active;
  private String label;
  private int shown = -1;
  private int drawnLength;

  private Progress(PrintWriter err, boolean active, String label) {
    this.err = err;
    this.active = active;
    this.label = label;
  }

  /**
   * A progress line labelled {@code label} on {@code err} when on a terminal, else a silent one.
   */
  static Progress forTerminal(PrintWriter err, String label) {
    return new Progress(err, onTerminal() || Boolean.getBoolean("alo.progress"), label);
  }

  /** A progress line that never shows. */
  static Progress silent() {
    return new Progress(new PrintWriter(PrintWriter.nullWriter()), false, "");
  }

  /** Whether anything will be shown. */
  boolean active() {
    return active;
  }

  /**
   * Whether stderr is a terminal. On Linux, where {@code /proc/self/fd/2} names it, a pseudo or
   * real terminal device, so that a result redirected to a file still shows progress; elsewhere,
   * whether a console exists and (on JDK 22+, where one always exists) is a terminal.
   */
  static boolean onTerminal() {
    Path stderr = Path.of("/proc/self/fd/2");
    try {
      String target = Files.readSymbolicLink(stderr).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return consoleIsTerminal();
    }
  }

  @SuppressWarnings("SystemConsoleNull") // null on JDK 21; isTerminal() below covers JDK 22+
  private static boolean consoleIsTerminal() {
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

  /** Names what runs now (the next redraw shows it). */
  void label(String text) {
    if (!text.equals(label)) {
      label = text;
      shown = -1;
    }
  }

  /** Shows that {@code done} of {@code total} items are finished. */
  void update(long done, long total) {
    draw(done, total, done + "/" + total);
  }

  /** Shows that {@code done} of {@code total} bytes are read. */
  void bytes(long done, long total) {
    draw(done, total, percent(done, total) + " of " + Memory.size(total));
  }

  /** Shows a share from 0 to 1 of the work done. */
  void share(double share) {
    long done = Math.round(Math.min(1, Math.max(0, share)) * STEPS);
    draw(done, STEPS, percent(done, STEPS));
  }

  private static String percent(long done, long total) {
    return String.format(Locale.ROOT, "%d%%", total <= 0 ? 100 : done * 100 / total);
  }

  private void draw(long done, long total, String count) {
    if (!active) {
      return;
    }
    int step = total <= 0 ? STEPS : (int) (Math.min(done, total) * STEPS / total);
    if (step == shown) {
      return;
    }
    shown = step;
    int filled = step * WIDTH / STEPS;
    String line =
        "alo: " + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + count;
    err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
    drawnLength = line.length();
    err.flush();
  }

  /** Clears the line. */
  void done() {
    if (active && drawnLength > 0) {
      err.print("\r" + " ".repeat(drawnLength) + "\r");
      err.flush();
      drawnLength = 0;
      shown = -1;
    }
  }
}
