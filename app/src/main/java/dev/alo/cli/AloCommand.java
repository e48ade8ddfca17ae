package dev.alo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code alo} command. Without a subcommand it runs the quick tour. */
@Command(
    name = "alo",
    mixinStandardHelpOptions = true,
    versionProvider = AloCommand.Version.class,
    description = {
      "ALO, the Application Load Optimizer: forecasts application load, picks and runs",
      "the best load-balancing strategy, and scales servers ahead of demand.",
      "",
      "Without a command, runs a quick tour on generated sample data."
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      GenerateCommand.class,
      InspectCommand.class,
      CleanCommand.class,
      SimulateCommand.class,
      ForecastCommand.class,
      BacktestCommand.class,
      AnomaliesCommand.class,
      ProxyCommand.class,
      BackendCommand.class,
      LoadgenCommand.class,
      AutoscaleCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:runtime failure (the cause on stderr)",
      "2:usage error",
      "3:partial success (the failed items on stderr)"
    })
public final class AloCommand implements Callable<Integer> {

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of failures.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Tour.run(spec.commandLine().getOut());
    return 0;
  }

  static boolean isVerbose(CommandLine.ParseResult parseResult) {
    CommandLine.ParseResult p = parseResult;
    while (p != null) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
      p = p.subcommand();
    }
    return false;
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = AloCommand.class.getResourceAsStream("/alo-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "alo " + p.getProperty("version", "unknown"),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
