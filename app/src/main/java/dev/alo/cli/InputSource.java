package dev.alo.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Where a command's input comes from, given the same way to every command that reads series: as
 * arguments ({@code alo inspect data.csv}) or with {@code --input} ({@code alo inspect --input
 * data.csv}); both at once must name the same files. Use as a picocli {@code @Mixin}: {@link
 * Single} for commands that read one file, {@link Many} for those that read files and directories.
 */
final class InputSource {
  private InputSource() {}

  /** One CSV file: {@code FILE} or {@code --input FILE}. */
  static final class Single {
    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "FILE",
        description = "The CSV file (or give it with --input).")
    @Nullable Path argument;

    @Option(
        names = "--input",
        paramLabel = "FILE",
        description = "The CSV file (or give it as the argument).")
    @Nullable Path option;

    /**
     * The file named.
     *
     * @throws UsageException when none is, or the argument and {@code --input} differ
     */
    Path file() {
      return resolve(listOf(argument), listOf(option), "FILE").get(0);
    }
  }

  /** CSV files or directories: {@code PATH...} or {@code --input PATH...}. */
  static final class Many {
    @Parameters(
        arity = "0..*",
        paramLabel = "PATH",
        description = "CSV files or directories of *.csv files (or give them with --input).")
    List<Path> arguments = new ArrayList<>();

    @Option(
        names = "--input",
        arity = "1..*",
        paramLabel = "PATH",
        description =
            "CSV files or directories of *.csv files; repeatable (or give them as arguments).")
    List<Path> option = new ArrayList<>();

    /**
     * The paths named.
     *
     * @throws UsageException when none is, or the arguments and {@code --input} differ
     */
    List<Path> paths() {
      return resolve(arguments, option, "PATH...");
    }
  }

  /** The paths given one way or the other, or both ways alike. */
  static List<Path> resolve(List<Path> arguments, List<Path> option, String label) {
    if (arguments.isEmpty() && option.isEmpty()) {
      throw new UsageException(
          "no input: give " + label + " or --input " + label + " (expected a CSV file)");
    }
    if (arguments.isEmpty()) {
      return option;
    }
    if (!option.isEmpty()
        && !new LinkedHashSet<>(normal(arguments)).equals(new LinkedHashSet<>(normal(option)))) {
      throw new UsageException(
          "the input is given twice, differently: "
              + join(arguments)
              + " as argument and --input "
              + join(option)
              + " (give it once)");
    }
    return arguments;
  }

  private static List<Path> listOf(@Nullable Path p) {
    return p == null ? List.of() : List.of(p);
  }

  private static List<Path> normal(List<Path> paths) {
    return paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  private static String join(List<Path> paths) {
    return paths.stream().map(Path::toString).collect(Collectors.joining(" "));
  }
}
