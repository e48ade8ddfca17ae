package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help, the usage lines and the README say the same as the option definitions: each default
 * once, each range as validated.
 */
class UsageAgreementTest {
  /** The commands whose usage line the README's CLI section shows. */
  private static final List<String> IN_README =
      List.of(
          "generate",
          "inspect",
          "clean",
          "forecast",
          "backtest",
          "anomalies",
          "simulate",
          "autoscale replay",
          "plan");

  /** The commands documented option by option in docs/proxy.md instead. */
  private static final List<String> IN_PROXY_DOC = List.of("proxy", "backend", "loadgen");

  private static final Path ROOT = Path.of(System.getProperty("alo.root.dir", ".."));

  private static CommandSpec spec(String command) {
    CommandLine cli = new CommandLine(new AloCommand());
    Synopsis.install(cli);
    return java.util.Objects.requireNonNull(cli.getSubcommands().get(command)).getCommandSpec();
  }

  private static List<String> commands() {
    return new ArrayList<>(new CommandLine(new AloCommand()).getSubcommands().keySet())
        .stream().filter(c -> !c.equals("help")).toList();
  }

  /** The usage line of a command as {@code alo COMMAND --help} prints it, on one line. */
  private static String usageLine(String command) {
    List<String> args = new ArrayList<>(List.of(command.split(" ", -1)));
    args.add("--help");
    MainTest.Run r = MainTest.run(args.toArray(String[]::new));
    assertThat(r.code()).isZero();
    StringBuilder line = new StringBuilder();
    for (String l : r.out().split("\n", -1)) {
      if (line.isEmpty()) {
        assertThat(l).startsWith("Usage: alo " + command);
        line.append(l.substring("Usage: ".length()));
      } else if (l.startsWith(" ")) {
        line.append(' ').append(l.strip());
      } else {
        break;
      }
    }
    return line.toString().strip();
  }

  @Test
  void topLevelHelp_everyCommandSummarisedInOneSentenceOnOneLine() {
    MainTest.Run r = MainTest.run("--help");
    String commands =
        r.out().substring(r.out().indexOf("Commands:"), r.out().indexOf("Exit codes:")).strip();
    List<String> rows = commands.lines().skip(1).toList();
    assertThat(rows).hasSize(commands().size() + 1);
    for (String row : rows) {
      assertThat(row).matches("  [a-z]+ +[A-Z](?:(?!\\. ).)*[^.]\\.");
    }
  }

  @Test
  void usageLines_defaultsAsLiterals_placeholdersOtherwise_noEqualsSigns() {
    for (String command : commands()) {
      String usage = usageLine(command);
      assertThat(usage).as(command).doesNotContainPattern("--[a-z-]+=");
      assertThat(MainTest.run(command, "--help").out())
          .as(command + " option list")
          .doesNotContainPattern("--[a-z-]+=");
      for (OptionSpec o : spec(command).options()) {
        if (!Synopsis.shown(o)) {
          assertThat(usage).doesNotContain(o.longestName() + " ");
          continue;
        }
        Optional<String> d = Synopsis.literalDefault(o);
        if (d.isPresent()) {
          assertThat(usage).as(command).contains("[" + o.longestName() + " " + d.get() + "]");
        } else if (o.arity().max() > 0) {
          assertThat(usage).as(command).contains(o.longestName() + " " + o.paramLabel());
        } else {
          assertThat(usage).as(command).contains("[" + o.longestName() + "]");
        }
      }
    }
  }

  @Test
  void descriptions_stateTheDefaultTheOptionDeclares() {
    Pattern stated = Pattern.compile("\\(default: ([^),;]+)[),;]");
    for (String command : commands()) {
      Map<String, String> help = helpDescriptions(command);
      for (OptionSpec o : spec(command).options()) {
        Optional<String> d = Synopsis.literalDefault(o);
        Matcher m = stated.matcher(help.getOrDefault(o.longestName(), ""));
        if (d.isPresent() && m.find()) {
          assertThat(m.group(1)).as(command + " " + o.longestName()).isEqualTo(d.get());
        }
      }
    }
  }

  @Test
  void readme_showsEachCommandsUsageLineAsTheProgramPrintsIt() throws IOException {
    Map<String, String> readme = readmeUsage();
    for (String command : IN_README) {
      assertThat(readme.get(command)).as(command).isEqualTo(usageLine(command));
    }
  }

  @Test
  void proxyDoc_namesEveryOptionOfProxyBackendAndLoadgen() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/proxy.md"), UTF_8);
    for (String command : IN_PROXY_DOC) {
      for (OptionSpec o : spec(command).options()) {
        if (Synopsis.shown(o)) {
          assertThat(doc).as(command).containsPattern(Pattern.quote(o.longestName()) + "\\b");
        }
      }
    }
  }

  /** Each option's description as {@code alo COMMAND --help} prints it, lines joined. */
  private static Map<String, String> helpDescriptions(String command) {
    Map<String, String> descriptions = new LinkedHashMap<>();
    Pattern row = Pattern.compile("^  (?:-\\w, |    )(--[a-z-]+)(?: \\S+)?(.*)$");
    String option = null;
    for (String l : MainTest.run(command, "--help").out().split("\n", -1)) {
      Matcher m = row.matcher(l);
      if (m.matches()) {
        option = m.group(1);
        descriptions.put(option, m.group(2).strip());
      } else if (option != null && l.startsWith("        ")) {
        descriptions.merge(option, l.strip(), (a, b) -> (a + " " + b).strip());
      } else {
        option = null;
      }
    }
    return descriptions;
  }

  /** {@code ./alo COMMAND ...} blocks of the README, continuation lines joined. */
  private static Map<String, String> readmeUsage() throws IOException {
    Map<String, String> usage = new LinkedHashMap<>();
    String current = null;
    StringBuilder line = new StringBuilder();
    for (String l : Files.readAllLines(ROOT.resolve("README.md"), UTF_8)) {
      Matcher m = Pattern.compile("^    \\./alo ([a-z]+(?: [a-z]+)?) (.*)$").matcher(l);
      if (m.matches() && IN_README.contains(m.group(1)) && !usage.containsKey(m.group(1))) {
        current = m.group(1);
        line.setLength(0);
        line.append("alo ").append(current).append(' ').append(m.group(2).strip());
        usage.put(current, line.toString());
      } else if (current != null && l.matches("^ {5,}\\S.*")) {
        line.append(' ').append(l.strip());
        usage.put(current, line.toString());
      } else {
        current = null;
      }
    }
    return usage;
  }

  @Test
  void tour_generateAndReadme_sayUsersPeakAtTheModelsPeakHour() throws IOException {
    int hour = (int) dev.alo.engine.synth.UsageProfile.defaults().peakHour();
    String peak = String.format(java.util.Locale.ROOT, "%02d:00", hour);
    assertThat(MainTest.run().out()).contains("Users peak at " + peak + " ");
    assertThat(Files.readString(ROOT.resolve("README.md"), UTF_8)).contains("peaking at " + peak);
    assertThat(Files.readString(ROOT.resolve("docs/generate.md"), UTF_8))
        .contains("peaks at " + peak);
    assertThat(MainTest.run("generate", "--help").out()).contains("peaking at " + peak);
  }

  @Test
  void dailyPeak_isTheWavesPhase_notTheNoisiestHour() {
    double[] hourly = new double[24];
    for (int h = 0; h < 24; h++) {
      hourly[h] = 1000 + 300 * Math.sin(Math.PI * (h - 8) / 12);
    }
    hourly[15] += 5;
    assertThat(Tour.dailyPeak(hourly)).isEqualTo(14);
    hourly[15] -= 5;
    double[] late = new double[24];
    for (int h = 0; h < 24; h++) {
      late[h] = hourly[(h + 23) % 24];
    }
    assertThat(Tour.dailyPeak(late)).isEqualTo(15);
  }

  @Test
  void csvLoadSpeed_readmeAndDataDoc_quoteTheSameBenchmark() throws IOException {
    Pattern figure = Pattern.compile("(\\d+) ms.{0,150}?bench/csv-load\\.sh", Pattern.DOTALL);
    Matcher readme = figure.matcher(Files.readString(ROOT.resolve("README.md"), UTF_8));
    Matcher data = figure.matcher(Files.readString(ROOT.resolve("docs/data.md"), UTF_8));
    assertThat(readme.find()).isTrue();
    assertThat(data.find()).isTrue();
    assertThat(data.group(1)).isEqualTo(readme.group(1));
  }

  static Stream<Arguments> ranges() {
    Path missing = Path.of("/nonexistent-alo-dir/in.csv");
    String noDir = "/nonexistent-alo-dir/out";
    return Stream.of(
        Arguments.of("generate", "--days", List.of("--output", noDir + ".csv")),
        Arguments.of("generate", "--trend", List.of("--output", noDir + ".csv")),
        Arguments.of(
            "forecast", "--level", List.of("--input", missing.toString(), "--horizon", "1")),
        Arguments.of("forecast", "--horizon", List.of("--input", missing.toString())),
        Arguments.of("simulate", "--load", List.of("--requests", "1", "--plot", noDir + ".png")));
  }

  /**
   * A range written in an option's description ({@code 1 to 99.9}) is the range checked: its ends
   * are accepted (the command goes on to fail later, on a missing file or directory) and values
   * just beyond are a one-line usage error naming the value.
   */
  @ParameterizedTest
  @MethodSource("ranges")
  void statedRange_isTheValidatedRange(String command, String option, List<String> rest) {
    Matcher m =
        Pattern.compile("(-?\\d+(?:\\.\\d+)?) to (-?\\d+(?:\\.\\d+)?)")
            .matcher(helpDescriptions(command).getOrDefault(option, ""));
    assertThat(m.find()).as(option + " states its range").isTrue();
    String low = m.group(1);
    String high = m.group(2);
    boolean integral = !low.contains(".") && !high.contains(".") && !option.equals("--level");
    String below = integral ? String.valueOf(Long.parseLong(low) - 1) : step(low, -0.01);
    String above = integral ? String.valueOf(Long.parseLong(high) + 1) : step(high, 0.01);
    for (String inside : List.of(low, high)) {
      MainTest.Run r = runWith(command, option, inside, rest);
      assertThat(r.code()).as(option + " " + inside + ": " + r.err()).isEqualTo(1);
    }
    for (String outside : List.of(below, above)) {
      MainTest.Run r = runWith(command, option, outside, rest);
      assertThat(r.code()).as(option + " " + outside).isEqualTo(2);
      assertThat(r.err().lines().findFirst().orElseThrow())
          .startsWith("alo: " + option)
          .contains(outside);
    }
  }

  private static String step(String value, double by) {
    return new java.math.BigDecimal(value)
        .add(java.math.BigDecimal.valueOf(by))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static MainTest.Run runWith(
      String command, String option, String value, List<String> rest) {
    List<String> args = new ArrayList<>(List.of(command, option, value));
    args.addAll(rest);
    return MainTest.run(args.toArray(String[]::new));
  }
}
