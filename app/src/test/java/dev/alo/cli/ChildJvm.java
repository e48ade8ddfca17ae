package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the CLI in a child JVM with its own heap limit, as {@code ./alo} with ALO_JAVA_OPTS. */
final class ChildJvm {
  private ChildJvm() {}

  /** The exit code and both streams of a finished child. */
  record Run(int code, String out, String err) {}

  /**
   * Runs {@code alo ARGS} with {@code -Xmx} set to {@code heap}, waiting at most {@code seconds}.
   *
   * @throws IllegalStateException when the child is still running then (it is killed)
   */
  static Run run(String heap, long seconds, String... args)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx" + heap);
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("alo-child", ".out");
    Path err = Files.createTempFile("alo-child", ".err");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IllegalStateException(
            "alo "
                + String.join(" ", args)
                + " still ran after "
                + seconds
                + " s; stderr: "
                + Files.readString(err, UTF_8));
      }
      return new Run(p.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** A CSV of a minute per row over {@code days} days (1,440 rows a day) from generate. */
  static Path bigCsv(Path dir, int days) {
    Path f = dir.resolve("big.csv");
    MainTest.Run r =
        MainTest.run(
            "generate",
            "--days",
            Integer.toString(days),
            "--interval",
            "1m",
            "--output",
            f.toString());
    if (r.code() != 0) {
      throw new IllegalStateException(r.err());
    }
    return f;
  }
}
