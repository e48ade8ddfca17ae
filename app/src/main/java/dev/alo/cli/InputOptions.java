package dev.alo.cli;

import dev.alo.engine.InputException;
import dev.alo.engine.csv.CsvData;
import dev.alo.engine.csv.CsvFormatException;
import dev.alo.engine.csv.CsvOptions;
import dev.alo.engine.csv.CsvReader;
import dev.alo.engine.csv.CsvReport;
import dev.alo.engine.series.TimeSeries;
import dev.alo.engine.series.TimestampFormat;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The flags that choose how an input CSV file is read ({@code --time-column}, {@code
 * --value-column}, {@code --lenient}, {@code --decimal}), shared by every command that reads a
 * series file. Use as a picocli {@code @Mixin}.
 */
public final class InputOptions {
  @Option(
      names = "--time-column",
      paramLabel = "C",
      description =
          "Time column, by name or 1-based index (default: the first column of timestamps).")
  String timeColumn = "";

  @Option(
      names = "--value-column",
      paramLabel = "C",
      description =
          "Value column, by name or 1-based index; repeatable (default: every numeric column).")
  List<String> valueColumns = new ArrayList<>();

  @Option(
      names = "--lenient",
      description = "Skip and count rows with unreadable cells instead of failing.")
  boolean lenient;

  @Option(
      names = "--decimal",
      paramLabel = "auto|.|,",
      defaultValue = "auto",
      converter = DecimalSeparator.class,
      description =
          "Decimal separator of the values: auto (default) finds it per column from its values"
              + " (1.234,5 and 0,25 have a decimal comma, 1,234.5 and 0.25 a point) and stops when"
              + " a column only holds values that read two ways (1.234 in a ';' or tab file); '.'"
              + " or ',' sets it for every column (the other one may group thousands).")
  char decimal = 0;

  @Option(
      names = "--timezone",
      paramLabel = "ZONE",
      converter = TimeZone.class,
      description =
          "Write output timestamps with this zone's offset for each instant (Europe/Berlin:"
              + " +01:00 in winter, +02:00 in summer), or a fixed offset such as +02:00; input"
              + " timestamps without an offset are still read as UTC (default: the input's"
              + " offset, or UTC when its offsets change).")
  @Nullable ZoneId timezone;

  /** Reads a region such as {@code Europe/Berlin}, {@code UTC} or an offset such as +02:00. */
  static final class TimeZone implements CommandLine.ITypeConverter<ZoneId> {
    @Override
    public ZoneId convert(String value) {
      try {
        return ZoneId.of(value.strip());
      } catch (DateTimeException e) {
        throw new CommandLine.TypeConversionException(
            "'"
                + value
                + "' is not a time zone (expected a region such as Europe/Berlin or"
                + " America/New_York, UTC, or an offset such as +02:00)");
      }
    }
  }

  /** Reads {@code auto}, {@code .} or {@code ,} into 0, '.' or ','. */
  static final class DecimalSeparator implements CommandLine.ITypeConverter<Character> {
    @Override
    public Character convert(String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "auto" -> (char) 0;
        case "." -> '.';
        case "," -> ',';
        default ->
            throw new CommandLine.TypeConversionException(
                "'" + value + "' is not a decimal separator (expected auto, . or ,)");
      };
    }
  }

  /** The reader options these flags describe. */
  public CsvOptions csvOptions() {
    CsvOptions o = CsvOptions.defaults().withLenient(lenient).withValueColumns(valueColumns);
    if (decimal != 0) {
      o = o.withDecimal(decimal);
    }
    if (timezone != null) {
      o = o.withZone(timezone);
    }
    return timeColumn.isBlank() ? o : o.withTimeColumn(timeColumn);
  }

  /**
   * Reads the file.
   *
   * @throws InputException when it does not exist, is a directory, or cannot be read as a series
   */
  public CsvData load(Path file) {
    return load(file, Progress.silent());
  }

  /** Reads the file as {@link #load(Path)} does, showing how much of it is read. */
  CsvData load(Path file, Progress progress) {
    if (!Files.exists(file)) {
      throw new InputException("no such file: " + file);
    }
    if (Files.isDirectory(file)) {
      throw new InputException("not a file but a directory: " + file + " (expected a CSV file)");
    }
    try {
      return progress.active()
          ? ProgressReading.read(file, csvOptions(), progress)
          : CsvReader.read(file, csvOptions());
    } catch (CsvFormatException e) {
      if (e.decimalUnknown()) {
        throw new InputException(e.getMessage() + "; set it with --decimal , or --decimal .");
      }
      throw e;
    }
  }

  /** Reads the file and prints what reading found (gaps, duplicates, skipped rows) to stderr. */
  public CsvData load(Path file, PrintWriter err) {
    return load(file, err, Progress.silent());
  }

  /** Reads the file as {@link #load(Path, PrintWriter)} does, showing how much of it is read. */
  CsvData load(Path file, PrintWriter err, Progress progress) {
    CsvData data = load(file, progress);
    notes(data).forEach(n -> err.println("alo: note: " + n));
    err.flush();
    return data;
  }

  /**
   * Reads a file that must yield exactly one series (commands such as {@code forecast}); notes go
   * to stderr.
   *
   * @throws InputException when the file holds several value columns and none was chosen
   */
  public TimeSeries loadSingle(Path file, PrintWriter err) {
    CsvData data = load(file, err);
    if (data.table().columnCount() != 1) {
      throw new InputException(
          file
              + " has "
              + data.table().columnCount()
              + " value columns ("
              + String.join(", ", data.table().columnNames())
              + "); choose one with --value-column");
    }
    return data.table().series(0);
  }

  /**
   * One line per notable finding of a read: gaps, merged duplicates, unsorted, skipped rows, mixed
   * timestamp forms, offsets that change, and the columns not read (text ones, or, with {@code
   * --value-column}, those not chosen).
   */
  public List<String> notes(CsvData data) {
    CsvReport r = data.report();
    List<String> notes = new ArrayList<>();
    if (r.totalGaps() > 0) {
      String per =
          r.gaps().entrySet().stream()
              .filter(e -> e.getValue() > 0)
              .map(Map.Entry::getKey)
              .map(k -> k + " " + r.gaps().get(k))
              .collect(Collectors.joining(", "));
      notes.add(r.source() + ": " + r.totalGaps() + " gaps kept as gaps (" + per + ")");
    }
    if (r.duplicateRows() > 0) {
      notes.add(
          r.source()
              + ": "
              + r.duplicateRows()
              + " rows repeated an earlier timestamp and were merged by their mean");
    }
    if (!r.sorted()) {
      notes.add(r.source() + ": rows were not in time order and were sorted");
    }
    if (r.skippedRows() > 0) {
      notes.add(
          r.source()
              + ": "
              + r.skippedRows()
              + " unreadable rows skipped (lines "
              + r.skippedLines().stream().map(String::valueOf).collect(Collectors.joining(", "))
              + (r.skippedRows() > r.skippedLines().size() ? ", ..." : "")
              + ")");
    }
    if (r.timestampForms().size() > 1) {
      notes.add(
          r.source()
              + ": timestamps in "
              + r.timestampForms().size()
              + " forms ("
              + r.timestampForms().stream()
                  .map(f -> f.pattern() + " from line " + f.firstLine())
                  .collect(Collectors.joining(", "))
              + "); they agree on the instant, see alo inspect");
    }
    TimestampFormat f = data.table().timestampFormat();
    if (r.offsetsChange() && f.style() == TimestampFormat.Style.ISO_UTC) {
      notes.add(
          r.source()
              + ": UTC offsets change ("
              + r.offsets().stream().map(ZoneOffset::getId).collect(Collectors.joining(", "))
              + ", first change on line "
              + r.offsetChangeLine()
              + "), so timestamps are written in UTC (Z); name the zone with --timezone (e.g."
              + " Europe/Berlin) to write each with its offset");
    }
    if (!r.ignoredColumns().isEmpty()) {
      notes.add(
          r.source()
              + (valueColumns.isEmpty()
                  ? ": columns ignored (text, or empty without a name): "
                  : ": columns not read (not chosen with --value-column): ")
              + String.join(", ", r.ignoredColumns()));
    }
    return notes;
  }
}
