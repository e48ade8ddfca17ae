package dev.alo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

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
}
