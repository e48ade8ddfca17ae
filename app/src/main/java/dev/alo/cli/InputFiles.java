package dev.alo.cli;

import dev.alo.engine.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The CSV files named by {@code --input}: files as given, directories expanded to every {@code
 * *.csv} file directly inside them, sorted by name; a file named twice is read once. Missing paths
 * are kept, so that reading them fails as one item among others. Each file gets a unique series
 * name: its name without {@code .csv}, preceded by as many parent directories as it takes to tell
 * it from other files of the same name ({@code a/load}, {@code b/load}).
 */
final class InputFiles {
  private InputFiles() {}

  /** A file to read and the name of its series. */
  record Input(Path file, String name) {}

  /**
   * The files, in order: the paths as given, each directory replaced by its CSV files.
   *
   * @param notes receives one line per directory without any CSV file and per file named twice
   * @throws InputException when no file at all is left
   */
  static List<Input> expand(List<Path> paths, List<String> notes) {
    Map<Path, Path> files = new LinkedHashMap<>(); // by absolute path, as given
    Set<Path> repeated = new HashSet<>();
    for (Path p : paths) {
      List<Path> found = Files.isDirectory(p) ? csvFilesIn(p) : List.of(p);
      if (found.isEmpty()) {
        notes.add(p + ": no *.csv file in this directory");
      }
      for (Path f : found) {
        Path key = f.toAbsolutePath().normalize();
        if (files.putIfAbsent(key, f) != null && repeated.add(key)) {
          notes.add(f + ": named more than once; read once");
        }
      }
    }
    if (files.isEmpty()) {
      throw new InputException(
          "no CSV file in " + paths + " (expected files, or directories holding *.csv files)");
    }
    List<String> names = uniqueNames(new ArrayList<>(files.keySet()));
    List<Input> inputs = new ArrayList<>();
    for (Path given : files.values()) {
      inputs.add(new Input(given, names.get(inputs.size())));
    }
    return inputs;
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

  /**
   * The series names of distinct absolute paths: the file name without {@code .csv}; where names
   * collide, every file of the collision takes one more parent directory, until none collides.
   */
  static List<String> uniqueNames(List<Path> absolute) {
    int n = absolute.size();
    int[] depth = new int[n];
    java.util.Arrays.fill(depth, 1);
    List<String> names = new ArrayList<>();
    while (true) {
      names.clear();
      Map<String, List<Integer>> holders = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String name = name(absolute.get(i), depth[i]);
        names.add(name);
        holders.computeIfAbsent(name, k -> new ArrayList<>()).add(i);
      }
      boolean deeper = false;
      for (List<Integer> same : holders.values()) {
        for (int i : same.size() > 1 ? same : List.<Integer>of()) {
          if (depth[i] < absolute.get(i).getNameCount()) {
            depth[i]++;
            deeper = true;
          }
        }
      }
      if (!deeper) {
        return names;
      }
    }
  }

  /**
   * The name every command gives a series: its file's name ({@code base}) when the file holds one
   * value column, {@code base:COLUMN} when it holds several.
   */
  static String seriesName(String base, int columns, String column) {
    return columns == 1 ? base : base + ":" + column;
  }

  /** The name of a single input file's series: the file's name without {@code .csv}. */
  static String baseName(Path file) {
    return name(file.toAbsolutePath().normalize(), 1);
  }

  /** The last {@code depth} names of the path joined by '/', without the file's {@code .csv}. */
  private static String name(Path path, int depth) {
    int count = path.getNameCount();
    StringBuilder sb = new StringBuilder();
    for (int k = Math.max(0, count - depth); k < count; k++) {
      sb.append(sb.isEmpty() ? "" : "/").append(path.getName(k));
    }
    String s = sb.toString();
    return s.toLowerCase(Locale.ROOT).endsWith(".csv") ? s.substring(0, s.length() - 4) : s;
  }
}
