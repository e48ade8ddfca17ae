package dev.alo.cli;

import dev.alo.engine.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The CSV files named by {@code --input}: files as given, directories expanded to every {@code
 * *.csv} file directly inside them, sorted by name. Missing paths are kept, so that reading them
 * fails as one item among others.
 */
final class InputFiles {
  private InputFiles() {}

  /**
   * The files, in order: the paths as given, each directory replaced by its CSV files.
   *
   * @param notes receives one line per directory without any CSV file
   * @throws InputException when no file at all is left
   */
  static List<Path> expand(List<Path> paths, List<String> notes) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        List<Path> inside = csvFilesIn(p);
        if (inside.isEmpty()) {
          notes.add(p + ": no *.csv file in this directory");
        }
        files.addAll(inside);
      } else {
        files.add(p);
      }
    }
    if (files.isEmpty()) {
      throw new InputException(
          "no CSV file in " + paths + " (expected files, or directories holding *.csv files)");
    }
    return files;
  }

  private static List<Path> csvFilesIn(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
          .filter(Files::isRegularFile)
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The series name of a file: its name without the {@code .csv} extension. */
  static String seriesName(Path file) {
    String name = String.valueOf(file.getFileName());
    return name.toLowerCase(Locale.ROOT).endsWith(".csv")
        ? name.substring(0, name.length() - 4)
        : name;
  }
}
