package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.InputException;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * Entry point of {@code ./alo}. Exit codes: 0 success, 1 runtime failure (one line on stderr), 2
 * usage error (one line plus the usage), 3 partial success. No stack trace unless {@code
 * --verbose}, not even when Java runs out of memory: that is one line naming the command and how to
 * give it more, in the main thread or any other.
 */
public final class Main {
  /** Exit code of a command that processed many items of which some failed. */
  public static final int EXIT_PARTIAL = 3;

  private Main() {}

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(
            new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), UTF_8), 1 << 16));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, UTF_8), true);
    String command = commandName(args);
    // A thread whose failure nobody waits for (a server's, a timer's) would otherwise die with a
    // stack trace and leave the command hanging or its result incomplete.
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          if (e instanceof OutOfMemoryError) {
            err.println("alo: " + Memory.outOfMemory(command));
            err.flush();
            Runtime.getRuntime().halt(CommandLine.ExitCode.SOFTWARE);
          }
          System.err.print("Exception in thread \"" + thread.getName() + "\" ");
          e.printStackTrace();
        });
    int code = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the CLI with the given streams and returns the exit code (used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new AloCommand());
    cli.setOut(out);
    cli.setErr(err);
    Synopsis.install(cli);
    cli.setParameterExceptionHandler(Main::usageError);
    cli.setExecutionExceptionHandler(Main::runtimeError);
    if (args.length > 0 && !args[0].startsWith("-") && !cli.getSubcommands().containsKey(args[0])) {
      // Without this, picocli would honour a later --help and exit 0 for a command that does not
      // exist, and scripts probing "alo NAME --help" would believe it does.
      err.println(
          "alo: unknown command '"
              + args[0]
              + "' (expected one of: "
              + String.join(", ", cli.getSubcommands().keySet())
              + ")");
      cli.usage(err);
      return CommandLine.ExitCode.USAGE;
    }
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("alo: " + Memory.outOfMemory(commandName(args)));
      if (Arrays.asList(args).contains("--verbose")) {
        e.printStackTrace(err);
      }
      err.flush();
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  /** The subcommand the arguments run: the first word that is not an option ({@code alo}). */
  static String commandName(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return a;
      }
    }
    return "alo";
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("alo: " + e.getMessage());
    cmd.usage(err);
    return CommandLine.ExitCode.USAGE;
  }

  private static int runtimeError(
      Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean verbose = AloCommand.isVerbose(parseResult);
    if (e instanceof UsageException usage) {
      err.println("alo: " + usage.getMessage());
      cmd.usage(err);
      return CommandLine.ExitCode.USAGE;
    }
    if (e instanceof InputException || e instanceof RuntimeFailure) {
      err.println("alo: " + e.getMessage());
    } else if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
      err.println("alo: " + describeIo(e));
    } else {
      err.println(
          "alo: internal error: "
              + e
              + (verbose ? "" : " (run again with --verbose for the stack trace)"));
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return CommandLine.ExitCode.SOFTWARE;
  }

  private static String describeIo(Exception e) {
    Throwable t = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
    if (t instanceof java.nio.file.NoSuchFileException n) {
      return "no such file: " + n.getFile();
    }
    if (t instanceof java.nio.file.AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    String msg = t == null ? null : t.getMessage();
    return "I/O error: " + (msg == null ? String.valueOf(t) : msg);
  }
}
