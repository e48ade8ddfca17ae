package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command that reads series takes its input as arguments or with --input, alike. */
class InputSourceTest {
  private static final List<List<String>> COMMANDS =
      List.of(
          List.of("inspect"),
          List.of("clean"),
          List.of("anomalies"),
          List.of("forecast", "--horizon", "2", "--model", "snaive"),
          List.of("backtest", "--models", "snaive", "--horizon", "6", "--origins", "1"));

  private static MainTest.Run run(List<String> command, String... more) {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of(more));
    return MainTest.run(args.toArray(String[]::new));
  }

  @Test
  void argumentOrInput_sameResult_bothAlikeAccepted(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("usage.csv");
    Files.writeString(csv, MainTest.run("generate", "--days", "3").out(), UTF_8);
    for (List<String> command : COMMANDS) {
      MainTest.Run argument = run(command, csv.toString());
      MainTest.Run option = run(command, "--input", csv.toString());
      MainTest.Run both = run(command, csv.toString(), "--input", csv.toString());
      assertThat(argument.code()).as(command + ": " + argument.err()).isZero();
      if (!command.get(0).equals("backtest")) { // backtest's table has seconds per fit
        assertThat(option.out()).as(command.toString()).isEqualTo(argument.out());
        assertThat(both.out()).as(command.toString()).isEqualTo(argument.out());
      }
      assertThat(option.code()).isZero();
      assertThat(both.code()).isZero();
    }
  }

  @Test
  void argumentAndInputDiffer_orNeitherGiven_oneLineUsageError(@TempDir Path dir)
      throws IOException {
    Path a = Files.writeString(dir.resolve("a.csv"), "t,v\n2024-01-01,1\n", UTF_8);
    Path b = Files.writeString(dir.resolve("b.csv"), "t,v\n2024-01-01,1\n", UTF_8);
    for (List<String> command : COMMANDS) {
      MainTest.Run differ = run(command, a.toString(), "--input", b.toString());
      assertThat(differ.code()).as(command.toString()).isEqualTo(2);
      assertThat(differ.err().lines().findFirst().orElseThrow())
          .isEqualTo(
              "alo: the input is given twice, differently: "
                  + a
                  + " as argument and --input "
                  + b
                  + " (give it once)");
      MainTest.Run none = run(command);
      assertThat(none.code()).as(command.toString()).isEqualTo(2);
      assertThat(none.err()).startsWith("alo: no input: give ");
    }
  }
}
