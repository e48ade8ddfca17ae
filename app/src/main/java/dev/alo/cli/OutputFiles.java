package dev.alo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks of output files made before a command starts its work, so that a path that cannot be
 * written fails at once instead of after minutes of computing.
 */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * Checks that {@code file} can be written: its directory exists, and it is a writable file or can
   * be created there (tried by creating it and deleting it again; an existing file is not touched).
   *
   * @param option the flag that named the file, for the message
   * @throws RuntimeFailure naming the option, the file and why not
   */
  static void checkWritable(String option, Path file) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      throw fail(option, file, "is a directory (expected a file name)");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw fail(option, file, "no such directory " + (dir == null ? "/" : dir));
    }
    if (Files.exists(absolute)) {
      if (!Files.isRegularFile(absolute) || !Files.isWritable(absolute)) {
        throw fail(option, file, "cannot write it (permission denied)");
      }
      return;
    }
    try {
      Files.createFile(absolute);
      Files.delete(absolute);
    } catch (IOException e) {
      throw fail(option, file, "cannot create it (" + reason(e) + ")");
    }
  }

  /**
   * Checks that {@code file} names a PNG, the only image format written.
   *
   * @throws UsageException when it does not end in {@code .png}
   */
  static void checkPng(String option, Path file) {
    if (!String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".png")) {
      throw new UsageException(
          option + " " + file + ": plots are written as PNG (expected a file name ending in .png)");
    }
  }

  /**
   * Draws a plot after the results are printed: 0 when written (said on stderr), {@link
   * Main#EXIT_PARTIAL} with one line saying why not.
   *
   * @param printed what is already on stdout, for the message ("results", "plan")
   */
  static int drawAfter(String printed, Path png, Runnable draw, PrintWriter err) {
    try {
      draw.run();
    } catch (UncheckedIOException | IllegalArgumentException e) {
      Throwable cause = e.getCause();
      err.println(
          "alo: the "
              + printed
              + " "
              + (printed.endsWith("s") ? "are" : "is")
              + " printed but the plot "
              + png
              + " is not written: "
              + (cause instanceof IOException io ? reason(io) : String.valueOf(e.getMessage())));
      return Main.EXIT_PARTIAL;
    }
    err.println("alo: wrote " + png);
    return 0;
  }

  /** Why an I/O operation failed, in a few lowercase words. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String r = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    return r == null || r.isBlank()
        ? e.getClass().getSimpleName()
        : r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1);
  }

  private static RuntimeFailure fail(String option, Path file, String why) {
    return new RuntimeFailure(option + " " + file + ": " + why);
  }
}
