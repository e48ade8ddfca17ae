package dev.alo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void version_printsTheVersionOnStdout() {
    Run r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("alo ");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void unknownOption_exitsTwoWithOneLineAndTheUsageOnStderr() {
    Run r = run("--no-such-option");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("alo: Unknown option: '--no-such-option'")
        .contains("Usage: alo");
  }

  @Test
  void unknownCommand_evenWithHelp_exitsTwoNamingTheCommand() {
    Run r = run("no-such-command", "--help");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("alo: unknown command 'no-such-command' (expected one of: ");
  }

  @Test
  void noCommand_runsTheTourOnStdout_sameEveryTime() {
    Run r = run();
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("1. Data", "672 rows", "2. Forecast", "3. Balancing", "least-connections")
        .contains("Next steps:");
    assertThat(run().out()).isEqualTo(r.out());
  }

  @Test
  void outOfMemory_mainOrWorkerThread_oneLineNamingTheCommandAndHowToGiveMore(@TempDir Path dir)
      throws Exception {
    // A million rows need some 120 MB: far more than a 32 MB heap.
    Path big = ChildJvm.bigCsv(dir, 700);
    ChildJvm.Run inspect = ChildJvm.run("32m", 60, "inspect", big.toString());
    assertThat(inspect.code()).isEqualTo(1);
    assertThat(inspect.out()).isEmpty();
    assertThat(inspect.err().strip())
        .doesNotContain("\n")
        .startsWith("alo: inspect: out of memory (Java may use ")
        .contains("give Java more with ALO_JAVA_OPTS=-Xmx100m ./alo inspect ...")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    // forecast reads its files on worker threads
    ChildJvm.Run forecast =
        ChildJvm.run("32m", 60, "forecast", "--input", big.toString(), "--horizon", "24");
    assertThat(forecast.code()).isEqualTo(1);
    assertThat(forecast.err().strip())
        .doesNotContain("\n")
        .startsWith("alo: forecast: out of memory")
        .contains("ALO_JAVA_OPTS=-Xmx");
  }

  @Test
  void memory_sizesAndHeapSuggestions_readable() {
    assertThat(Memory.size(400L << 20)).isEqualTo("400 MB");
    assertThat(Memory.size(6L << 30)).isEqualTo("6.0 GB");
    assertThat(Memory.size(1000)).isEqualTo("1 KB");
    assertThat(Memory.xmx(385L << 20)).isEqualTo("-Xmx400m");
    assertThat(Memory.xmx(800L << 20)).isEqualTo("-Xmx800m");
    assertThat(Memory.xmx((10L << 30) + 1)).isEqualTo("-Xmx11g");
  }
}
