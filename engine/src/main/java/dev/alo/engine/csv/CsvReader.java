package dev.alo.engine.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.series.SeriesTable;
import dev.alo.engine.series.TimestampFormat;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV file into a {@link SeriesTable}, streaming: the header is detected (a first line with
 * neither a timestamp nor a number), the delimiter ({@code ,} {@code ;} or tab) is detected from
 * the first line, quoted fields follow RFC 4180, and LF, CRLF and CR-only line endings are
 * accepted. Rows are sorted by time, rows with the same timestamp are merged by their mean, and
 * empty cells, {@code NaN}, {@code NA}, {@code N/A}, {@code #N/A} and {@code null} are gaps. Any
 * other unreadable cell raises a {@link CsvFormatException} naming the line, the column, the text
 * and the expected form, or, when reading leniently, skips the row.
 *
 * <p>Each value column's decimal separator is given ({@link CsvOptions#withDecimal}) or found from
 * the whole column: a value with one reading only ({@code 12.5}, {@code 0,25}, {@code 1.234,5},
 * {@code 1,234.5}) decides it, and a value of the other kind later is an error. A column whose
 * values all read two ways ({@code 1.234}: 1.234, or 1234 with a decimal comma) takes the separator
 * the file's other columns found if they agree on one; else a {@code ,}-separated file reads it
 * with a decimal point, and any other file is an error ({@link
 * CsvFormatException#decimalUnknown()}). A column whose cells look like numbers is never ignored as
 * text.
 *
 * <p>The time column's first row decides the timestamp style. Other ISO-8601 forms may follow when
 * they agree on the instant, and are counted ({@link CsvReport#timestampForms()}); timestamps
 * without an offset (read as UTC) beside ones with an offset other than +00:00, and epoch numbers
 * beside ISO text, are an error naming both forms and lines. A date without a time among times of
 * day is refused (a skipped row when reading leniently), never read as midnight. When the offsets
 * change (summer time), the table is written in UTC unless a zone is given ({@link
 * CsvOptions#withZone}), whose offset each instant then gets.
 */
public final class CsvReader {
  private static final int SAMPLE_ROWS = 200;
  private static final int MAX_SKIPPED_LINES = 10;
  private static final double EPOCH_MILLIS_FROM = 1e11;

  private final String source;
  private final CsvOptions options;
  private final CsvTokenizer tokenizer;
  private final Cells cells;

  private String[] names = new String[0];
  private int timeIndex;
  private int[] valueIndexes = new int[0];
  private int needed;
  private boolean epoch;
  private boolean epochMillis;
  private @Nullable TimestampFormat format;
  private DecimalColumn[] decimals = new DecimalColumn[0];
  private double[] rowValues = new double[0];
  private double[] rowCommaValues = new double[0];
  private DecimalColumn.Reading[] rowReadings = new DecimalColumn.Reading[0];

  private long[] times = new long[1024];
  private double[][] values = new double[0][];
  private int size;
  private int dataRows;
  private int skipped;
  private final List<Integer> skippedLines = new ArrayList<>();

  // the current row's timestamp: its form code, whether it is a date only or has a time of day,
  // and its offset in seconds (NO_OFFSET when written without one)
  private static final int NO_OFFSET = Integer.MIN_VALUE;
  private int rowCode;
  private boolean rowDateOnly;
  private boolean rowTimeOfDay;
  private int rowOffset;

  // what the accepted rows' timestamps were written as
  private final int[] formRows = new int[Cells.FORM_CODES];
  private final int[] formLines = new int[Cells.FORM_CODES];
  private final String[] formPatterns = new String[Cells.FORM_CODES];
  private final String[] formTexts = new String[Cells.FORM_CODES];
  private final List<Integer> formOrder = new ArrayList<>();
  private final List<ZoneOffset> offsets = new ArrayList<>();
  private int lastOffset = NO_OFFSET;
  private int offsetChangeLine;
  // the first row without an offset (read as UTC), with an offset other than +00:00, of a date
  // without a time, and with a time of day other than midnight: the line (0 for none) and text
  private final FirstRow local = new FirstRow();
  private final FirstRow shifted = new FirstRow();
  private final FirstRow date = new FirstRow();
  private final FirstRow timeOfDay = new FirstRow();
  private @Nullable TimestampFormat timeFormat;
  // date-only rows kept before a time of day showed they do not belong (lenient reading)
  private int[] dateRows = new int[0];
  private final List<Integer> dateLines = new ArrayList<>();
  private int dateRowCount;

  private CsvReader(Reader in, String source, CsvOptions options) {
    this.source = source;
    this.options = options;
    this.tokenizer = new CsvTokenizer(in, source, options.rawDelimiter());
    this.cells = new Cells();
    Arrays.fill(formPatterns, "");
    Arrays.fill(formTexts, "");
  }

  /**
   * Reads a file (UTF-8; undecodable bytes become U+FFFD).
   *
   * @throws CsvFormatException when the file cannot be read as a time series
   * @throws UncheckedIOException when reading fails (e.g. {@link java.nio.file.NoSuchFileException}
   *     as the cause)
   */
  public static CsvData read(Path file, CsvOptions options) {
    try (Reader r = new InputStreamReader(Files.newInputStream(file), UTF_8)) {
      return read(r, file.toString(), options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads characters; {@code source} names them in messages.
   *
   * @throws CsvFormatException when the text cannot be read as a time series
   */
  public static CsvData read(Reader in, String source, CsvOptions options) {
    return new CsvReader(in, source, options).run();
  }

  private CsvData run() {
    Row first = nextNonBlank(new Row());
    if (first == null) {
      throw new CsvFormatException(
          source
              + ": the file is empty (expected a header line and rows of a timestamp and values)",
          0);
    }
    boolean header = isHeader(first);
    List<Row> sample = new ArrayList<>();
    if (!header) {
      sample.add(first.copy());
    }
    Row r = new Row();
    while (sample.size() < SAMPLE_ROWS && nextNonBlank(r) != null) {
      sample.add(r.copy());
    }
    if (sample.isEmpty()) {
      throw new CsvFormatException(
          source + ": the file has a header but no data rows (expected rows after line 1)", 0);
    }
    List<String> ignored = resolveColumns(header ? first : null, sample);
    values = new double[valueIndexes.length][times.length];
    decimals = new DecimalColumn[valueIndexes.length];
    for (int k = 0; k < decimals.length; k++) {
      decimals[k] = new DecimalColumn(options.decimal().orElse((char) 0));
    }
    rowValues = new double[valueIndexes.length];
    rowCommaValues = new double[valueIndexes.length];
    rowReadings = new DecimalColumn.Reading[valueIndexes.length];
    for (Row s : sample) {
      accept(s);
    }
    while (nextNonBlank(r) != null) {
      accept(r);
    }
    settleDecimals();
    if (size == 0) {
      throw new CsvFormatException(
          source
              + ": no readable data rows ("
              + skipped
              + " skipped as unreadable, first on line "
              + skippedLines.get(0)
              + ")",
          0);
    }
    return finish(header, ignored);
  }

  private @Nullable Row nextNonBlank(Row row) {
    while (tokenizer.next(row)) {
      if (!row.isBlank()) {
        return row;
      }
    }
    return null;
  }

  // ---- header and columns ----

  private boolean isHeader(Row row) {
    for (int i = 0; i < row.count; i++) {
      int s = row.trimmedStart(i);
      int e = row.trimmedEnd(i);
      if (e <= s) {
        continue;
      }
      cells.iso(row.data, s, e);
      if (cells.ok) {
        return false;
      }
      if (cells.isNumber(row.data, s, e)) {
        return false;
      }
    }
    return true;
  }

  private List<String> resolveColumns(@Nullable Row header, List<Row> sample) {
    int width = header != null ? header.count : sample.get(0).count;
    names = new String[width];
    boolean[] unnamed = new boolean[width];
    for (int i = 0; i < width; i++) {
      String n = header != null && i < header.count ? header.trimmed(i) : "";
      unnamed[i] = header != null && n.isEmpty();
      names[i] = n.isEmpty() ? "column" + (i + 1) : n;
    }
    dedupeNames();
    if (width < 2) {
      throw new CsvFormatException(
          source
              + ", line "
              + sample.get(0).line
              + ": only one column (expected a timestamp column and at least one value column,"
              + " separated by ',', ';' or a tab)",
          sample.get(0).line);
    }
    timeIndex =
        options.timeColumn().isPresent()
            ? resolve(options.timeColumn().get(), "time")
            : detectTimeColumn(sample);
    List<String> ignored = new ArrayList<>();
    if (!options.valueColumns().isEmpty()) {
      valueIndexes = new int[options.valueColumns().size()];
      for (int k = 0; k < valueIndexes.length; k++) {
        valueIndexes[k] = resolve(options.valueColumns().get(k), "value");
        if (valueIndexes[k] == timeIndex) {
          throw new CsvFormatException(
              source
                  + ": column "
                  + describe(timeIndex)
                  + " cannot be both the time and a value column",
              0);
        }
      }
      if (Arrays.stream(valueIndexes).distinct().count() != valueIndexes.length) {
        throw new CsvFormatException(
            source + ": a value column is named twice " + options.valueColumns(), 0);
      }
      for (int i = 0; i < width; i++) {
        final int col = i;
        if (i != timeIndex && Arrays.stream(valueIndexes).noneMatch(v -> v == col)) {
          ignored.add(names[i]);
        }
      }
    } else {
      List<Integer> chosen = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        if (i == timeIndex) {
          continue;
        }
        if (isText(sample, i) || (unnamed[i] && isEmpty(sample, i))) {
          // text, or an empty column without a name (a trailing delimiter)
          ignored.add(names[i]);
        } else {
          chosen.add(i);
        }
      }
      if (chosen.isEmpty()) {
        // no column looks numeric: read them all, so the first bad cell is reported precisely
        ignored.clear();
        for (int i = 0; i < width; i++) {
          if (i != timeIndex) {
            chosen.add(i);
          }
        }
      }
      valueIndexes = chosen.stream().mapToInt(Integer::intValue).toArray();
    }
    needed = Math.max(timeIndex, Arrays.stream(valueIndexes).max().orElse(0)) + 1;
    if (header == null) {
      names[timeIndex] = "timestamp";
      if (valueIndexes.length == 1) {
        names[valueIndexes[0]] = "value";
      }
    }
    return ignored;
  }

  private void dedupeNames() {
    for (int i = 0; i < names.length; i++) {
      String base = names[i];
      int k = 2;
      for (int j = 0; j < i; j++) {
        if (names[j].equals(names[i])) {
          names[i] = base + "_" + k++;
          j = -1;
        }
      }
    }
  }

  private int resolve(String ref, String role) {
    String r = ref.strip();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(r)) {
        return i;
      }
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(r)) {
        return i;
      }
    }
    if (!r.isEmpty() && r.length() < 6 && r.chars().allMatch(Character::isDigit)) {
      int index = Integer.parseInt(r);
      if (index >= 1 && index <= names.length) {
        return index - 1;
      }
    }
    throw new CsvFormatException(
        source
            + ": no "
            + role
            + " column '"
            + ref
            + "' (expected a column name: "
            + String.join(", ", names)
            + "; or a 1-based index from 1 to "
            + names.length
            + ")",
        0);
  }

  /**
   * The first column holding an ISO timestamp in the first sampled row that has one; else the first
   * column named like a time ({@code timestamp}, {@code ds}, {@code date}...), so that its bad
   * cells are reported precisely; else the first column of epoch-like whole numbers.
   */
  private int detectTimeColumn(List<Row> sample) {
    for (Row row : sample) {
      int width = Math.min(row.count, names.length);
      for (int i = 0; i < width; i++) {
        cells.iso(row.data, row.trimmedStart(i), row.trimmedEnd(i));
        if (cells.ok) {
          return i;
        }
      }
    }
    for (int i = 0; i < names.length; i++) {
      if (isTimeName(names[i])) {
        return i;
      }
    }
    Row row = sample.get(0);
    for (int i = 0; i < Math.min(row.count, names.length); i++) {
      if (looksEpoch(row, i)) {
        return i;
      }
    }
    throw new CsvFormatException(
        source
            + ", line "
            + row.line
            + ": no column holds timestamps (expected ISO-8601 such as 2024-01-31T13:45:00Z,"
            + " 2024-01-31 13:45:00 or 2024-01-31, or epoch seconds or milliseconds; name the"
            + " time column explicitly if it is there)",
        row.line);
  }

  /** Names such as ds, ts, t, time, timestamp, date, datetime, epoch, time_utc, date_local. */
  private static boolean isTimeName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("ds")
        || n.equals("ts")
        || n.equals("t")
        || n.startsWith("time")
        || n.startsWith("date")
        || n.startsWith("epoch");
  }

  /** Whole epoch seconds or milliseconds from 1973-03-03 on. */
  private boolean looksEpoch(Row row, int i) {
    int s = row.trimmedStart(i);
    int e = row.trimmedEnd(i);
    for (int k = s; k < e; k++) {
      if (row.data[k] < '0' || row.data[k] > '9') {
        return false;
      }
    }
    double v = cells.number(row.data, s, e, '.');
    return cells.ok && v >= 1e8 && v < 1e14;
  }

  /** A column whose sampled cells are all empty or missing. */
  private static boolean isEmpty(List<Row> sample, int col) {
    for (Row row : sample) {
      if (col < row.count && row.trimmedEnd(col) > row.trimmedStart(col)) {
        return false;
      }
    }
    return true;
  }

  /** A column whose sampled non-gap cells are all text: neither numbers nor like numbers. */
  private static boolean isText(List<Row> sample, int col) {
    boolean anyCell = false;
    for (Row row : sample) {
      if (col >= row.count) {
        continue;
      }
      int s = row.trimmedStart(col);
      int e = row.trimmedEnd(col);
      if (Cells.isGap(row.data, s, e)) {
        continue;
      }
      anyCell = true;
      if (Cells.looksNumeric(row.data, s, e)) {
        return false;
      }
    }
    return anyCell;
  }

  private String describe(int col) {
    return (col + 1) + " (" + names[col] + ")";
  }

  // ---- rows ----

  private void accept(Row row) {
    dataRows++;
    if (row.count < needed) {
      reject(
          row,
          new CsvFormatException(
              source
                  + ", line "
                  + row.line
                  + ": "
                  + row.count
                  + (row.count == 1 ? " field" : " fields")
                  + " (expected at least "
                  + needed
                  + ", up to column "
                  + describe(needed - 1)
                  + ")",
              row.line));
      return;
    }
    long t = time(row);
    if (t == Long.MIN_VALUE) {
      return;
    }
    if (size == times.length) {
      grow();
    }
    for (int k = 0; k < valueIndexes.length; k++) {
      if (!readValue(row, k)) {
        return;
      }
    }
    if (!timestampAgrees(row)) {
      return;
    }
    for (int k = 0; k < valueIndexes.length; k++) {
      values[k][size] = rowValues[k];
      decimals[k].accept(rowReadings[k], size, rowCommaValues[k], values[k], row, valueIndexes[k]);
    }
    times[size++] = t;
  }

  // ---- timestamp forms ----

  /**
   * Whether the row's timestamp agrees with the others read so far; false when the row was rejected
   * (a date without a time among times of day). Counts its form and offset when it agrees.
   *
   * @throws CsvFormatException when the column mixes timestamps without an offset, read as UTC,
   *     with timestamps whose offset is not +00:00: one zone cannot be meant by both
   */
  private boolean timestampAgrees(Row row) {
    int line = row.lines[timeIndex];
    if (rowDateOnly && timeOfDay.seen()) {
      reject(row, dateOnlyError(line, row.text(timeIndex), timeOfDay));
      return false;
    }
    if (rowTimeOfDay && !timeOfDay.seen() && date.seen()) {
      if (!options.lenient()) {
        throw dateOnlyError(date.line, date.text, timeOfDay.set(row, line, this));
      }
      if (local.line == date.line) {
        local.clear(); // the date-only rows kept so far will be dropped
      }
    }
    if (rowCode < Cells.EPOCH_SECONDS_CODE) {
      boolean noOffset = rowOffset == NO_OFFSET;
      FirstRow other = noOffset ? shifted : rowOffset != 0 ? local : null;
      if (other != null && other.seen()) {
        throw zoneConflict(other, line, row.text(timeIndex));
      }
    }
    countForm(row, line);
    return true;
  }

  /** The first row of some kind: its line (0 until seen), text and form. */
  private static final class FirstRow {
    int line;
    String text = "";
    String pattern = "";

    boolean seen() {
      return line > 0;
    }

    FirstRow set(Row row, int at, CsvReader reader) {
      line = at;
      text = row.text(reader.timeIndex);
      pattern = reader.formatOf(row).shape();
      return this;
    }

    void clear() {
      line = 0;
    }
  }

  private void countForm(Row row, int line) {
    int code = rowCode;
    if (formRows[code]++ == 0) {
      formOrder.add(code);
      formLines[code] = line;
      formTexts[code] = row.text(timeIndex);
      formPatterns[code] = code < Cells.EPOCH_SECONDS_CODE ? formatOf(row).shape() : "";
    }
    if (rowOffset == NO_OFFSET) {
      if (code < Cells.EPOCH_SECONDS_CODE && !local.seen()) {
        local.set(row, line, this);
      }
    } else {
      if (rowOffset != 0 && !shifted.seen()) {
        shifted.set(row, line, this);
      }
      if (rowOffset != lastOffset) {
        ZoneOffset o = ZoneOffset.ofTotalSeconds(rowOffset);
        if (!offsets.contains(o)) {
          offsets.add(o);
        }
        if (lastOffset != NO_OFFSET && offsetChangeLine == 0) {
          offsetChangeLine = line;
        }
        lastOffset = rowOffset;
      }
    }
    if (rowDateOnly && !date.seen()) {
      date.set(row, line, this);
    }
    if (rowDateOnly && !timeOfDay.seen() && options.lenient()) {
      keepDateRow(line);
    }
    if (rowTimeOfDay && !timeOfDay.seen()) {
      timeOfDay.set(row, line, this);
      timeFormat = formatOf(row);
    }
  }

  /** The style of the current row's timestamp, read again (only for a form's first row). */
  private TimestampFormat formatOf(Row row) {
    cells.iso(row.data, row.trimmedStart(timeIndex), row.trimmedEnd(timeIndex));
    return cells.lastFormat();
  }

  private void keepDateRow(int line) {
    if (dateRowCount == dateRows.length) {
      dateRows = Arrays.copyOf(dateRows, Math.max(16, dateRows.length * 2));
    }
    dateRows[dateRowCount++] = size;
    if (dateLines.size() < MAX_SKIPPED_LINES) {
      dateLines.add(line);
    }
  }

  private CsvFormatException dateOnlyError(int line, String text, FirstRow time) {
    return new CsvFormatException(
        source
            + ", line "
            + line
            + ", column "
            + describe(timeIndex)
            + ": "
            + Cells.show(text)
            + " is a date without a time of day, but "
            + Cells.show(time.text)
            + " on line "
            + time.line
            + " has one, so it cannot be read as midnight (expected a date and time on every row,"
            + " such as "
            + text
            + " 00:00; --lenient skips such rows)",
        line);
  }

  private CsvFormatException zoneConflict(FirstRow other, int line, String text) {
    boolean local = rowOffset == NO_OFFSET;
    String pattern = formatPatternOfRow(text);
    return new CsvFormatException(
        source
            + ", line "
            + line
            + ", column "
            + describe(timeIndex)
            + ": "
            + Cells.show(text)
            + " ("
            + pattern
            + ") "
            + (local ? "has no offset, read as UTC" : "has an offset other than +00:00")
            + ", but "
            + Cells.show(other.text)
            + " on line "
            + other.line
            + " ("
            + other.pattern
            + ") "
            + (local ? "has one" : "has none and is read as UTC")
            + ", so the two disagree on the zone (expected an offset on every timestamp or on"
            + " none)",
        line);
  }

  private String formatPatternOfRow(String text) {
    char[] a = text.toCharArray();
    cells.iso(a, 0, a.length);
    return cells.lastFormat().shape();
  }

  /**
   * Reads value column k of the row into rowValues[k] (its point reading while the separator is
   * undecided), with its kind of reading; false when the row was rejected.
   */
  private boolean readValue(Row row, int k) {
    int c = valueIndexes[k];
    int s = row.trimmedStart(c);
    int e = row.trimmedEnd(c);
    rowReadings[k] = DecimalColumn.Reading.SAME;
    if (Cells.isGap(row.data, s, e)) {
      rowValues[k] = Double.NaN;
      return true;
    }
    DecimalColumn column = decimals[k];
    char d = column.decimal();
    if (d != 0) {
      rowValues[k] = cells.number(row.data, s, e, d);
      if (cells.ok) {
        return true;
      }
      char other = d == '.' ? ',' : '.';
      cells.number(row.data, s, e, other);
      String problem =
          cells.ok && !column.given()
              ? "has a decimal "
                  + separatorName(other)
                  + ", but "
                  + Cells.show(column.decidedBy())
                  + " on line "
                  + column.decidedOn()
                  + " has a decimal "
                  + separatorName(d)
                  + " (expected one decimal separator in a column)"
              : "is not a number"
                  + (column.given() ? " with a decimal " + separatorName(d) : "")
                  + " (expected a number such as "
                  + (d == '.' ? "12.5, 1,234.5" : "12,5, 1.234,5")
                  + " or -3e2, or an empty cell, NaN or NA for a gap)";
      reject(row, cellError(row, c, problem));
      return false;
    }
    double point = cells.number(row.data, s, e, '.');
    boolean pointOk = cells.ok;
    if (pointOk && !cells.separators) {
      rowValues[k] = point;
      return true;
    }
    double comma = cells.number(row.data, s, e, ',');
    boolean commaOk = cells.ok;
    if (!pointOk && !commaOk) {
      reject(
          row,
          cellError(
              row,
              c,
              "is not a number (expected a decimal number such as 12.5, 12,5, 1,234.5, 1.234,5 or"
                  + " -3e2, or an empty cell, NaN or NA for a gap)"));
      return false;
    }
    rowValues[k] = pointOk ? point : comma;
    rowCommaValues[k] = comma;
    rowReadings[k] =
        !commaOk
            ? DecimalColumn.Reading.POINT
            : !pointOk
                ? DecimalColumn.Reading.COMMA
                : point == comma ? DecimalColumn.Reading.SAME : DecimalColumn.Reading.TWO;
    return true;
  }

  private static String separatorName(char d) {
    return d == '.' ? "point" : "comma";
  }

  /**
   * Settles columns whose values all read two ways: with the separator the other columns found,
   * when they agree on one; else with a decimal point in a {@code ,}-separated file; else an error.
   */
  private void settleDecimals() {
    char found = 0;
    for (DecimalColumn column : decimals) {
      char d = column.given() ? 0 : column.decimal();
      if (d != 0) {
        found = found == 0 || found == d ? d : '?';
      }
    }
    for (int k = 0; k < decimals.length; k++) {
      DecimalColumn column = decimals[k];
      if (!column.undecided()) {
        continue;
      }
      if (found == '.' || found == ',') {
        column.settle(found, values[k]);
        continue;
      }
      if (tokenizer.delimiter() == ',') {
        column.settle('.', values[k]);
        continue;
      }
      throw new CsvFormatException(
          source
              + ", column "
              + describe(valueIndexes[k])
              + ": "
              + Cells.show(column.firstTwo())
              + " (line "
              + column.firstTwoLine()
              + ") reads as "
              + CsvWriter.formatNumber(column.firstTwoPoint())
              + " with a decimal point or as "
              + CsvWriter.formatNumber(column.firstTwoComma())
              + " with a decimal comma, and no value in the file tells which (expected the"
              + " decimal separator to be given)",
          column.firstTwoLine(),
          true);
    }
  }

  /** The row's timestamp, or Long.MIN_VALUE when the row was rejected. */
  private long time(Row row) {
    int c = timeIndex;
    int s = row.trimmedStart(c);
    int e = row.trimmedEnd(c);
    if (format == null) {
      decideTimeForm(row, s, e);
    }
    TimestampFormat f = format;
    long t;
    if (epoch) {
      boolean digitsOnly = s < e;
      for (int k = s; k < e; k++) {
        char ch = row.data[k];
        digitsOnly &= (ch >= '0' && ch <= '9') || ch == '.' || ch == '-';
      }
      double v = digitsOnly ? cells.number(row.data, s, e, '.') : Double.NaN;
      double ms = epochMillis ? v : v * 1000.0;
      boolean ok = digitsOnly && cells.ok && ms >= Cells.MIN_MILLIS && ms <= Cells.MAX_MILLIS;
      if (!ok) {
        cells.iso(row.data, s, e);
        reject(
            row,
            cellError(
                row,
                c,
                cells.ok
                    ? "is "
                        + cells.lastFormat().shape()
                        + ", but the column's timestamps are "
                        + firstForm()
                        + " (expected one kind of timestamp in a column: epoch numbers or ISO-8601"
                        + " text)"
                    : "is not a timestamp (expected "
                        + (epochMillis ? "epoch milliseconds" : "epoch seconds")
                        + " like the column's first row, between years 0000 and 9999)"));
        return Long.MIN_VALUE;
      }
      t = Math.round(ms);
      rowCode = epochMillis ? Cells.EPOCH_MILLIS_CODE : Cells.EPOCH_SECONDS_CODE;
      rowDateOnly = false;
      rowTimeOfDay = false;
      rowOffset = NO_OFFSET;
    } else {
      t = cells.iso(row.data, s, e);
      if (!cells.ok && looksEpoch(row, c) && !formOrder.isEmpty()) {
        reject(
            row,
            cellError(
                row,
                c,
                "is an epoch number, but the column's timestamps are "
                    + firstForm()
                    + " (expected one kind of timestamp in a column: epoch numbers or ISO-8601"
                    + " text)"));
        return Long.MIN_VALUE;
      }
      if (!cells.ok) {
        reject(
            row,
            cellError(
                row,
                c,
                "is not a timestamp (expected "
                    + (f == null ? "" : "the column's form " + f.pattern() + ", or ")
                    + "an ISO-8601 date-time such as 2024-01-31T13:45:00Z, 2024-01-31"
                    + " 13:45:00 or 2024-01-31T13:45:00+02:00, or a date such as 2024-01-31)"));
        return Long.MIN_VALUE;
      }
      rowCode = cells.lastFormCode();
      rowDateOnly = cells.dateOnly();
      rowTimeOfDay = cells.timeOfDay();
      rowOffset = cells.hasOffset() ? cells.offsetSeconds() : NO_OFFSET;
    }
    return t;
  }

  /** The first form of the column's accepted timestamps and its line, for messages. */
  private String firstForm() {
    if (formOrder.isEmpty()) {
      return format == null ? "unknown" : format.pattern();
    }
    int code = formOrder.get(0);
    return patternOf(code)
        + " ("
        + Cells.show(formTexts[code])
        + " on line "
        + formLines[code]
        + ")";
  }

  private void decideTimeForm(Row row, int s, int e) {
    cells.iso(row.data, s, e);
    if (cells.ok) {
      format = cells.lastFormat();
      return;
    }
    double v = cells.number(row.data, s, e, '.');
    if (cells.ok) {
      epoch = true;
      epochMillis = Math.abs(v) >= EPOCH_MILLIS_FROM;
      format = epochMillis ? TimestampFormat.epochMillis() : TimestampFormat.epochSeconds();
    }
    // otherwise the cell is bad: the caller reports it, and the next row decides
  }

  private CsvFormatException cellError(Row row, int col, String problem) {
    int line = row.lines[col];
    return new CsvFormatException(
        source
            + ", line "
            + line
            + ", column "
            + describe(col)
            + ": "
            + Cells.show(row.text(col))
            + " "
            + problem,
        line);
  }

  private void reject(Row row, CsvFormatException e) {
    if (!options.lenient()) {
      throw e;
    }
    skipped++;
    if (skippedLines.size() < MAX_SKIPPED_LINES) {
      skippedLines.add(e.line() > 0 ? e.line() : row.line);
    }
  }

  private void grow() {
    int n = times.length * 2;
    times = Arrays.copyOf(times, n);
    for (int k = 0; k < values.length; k++) {
      values[k] = Arrays.copyOf(values[k], n);
    }
  }

  // ---- sort, merge, build ----

  private CsvData finish(boolean header, List<String> ignored) {
    if (timeOfDay.seen() && dateRowCount > 0) {
      dropDateRows();
    }
    long[] t = Arrays.copyOf(times, size);
    double[][] v = new double[values.length][];
    for (int k = 0; k < v.length; k++) {
      v[k] = Arrays.copyOf(values[k], size);
    }
    boolean sorted = true;
    for (int i = 1; i < size && sorted; i++) {
      sorted = t[i] >= t[i - 1];
    }
    if (!sorted) {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      final long[] keys = t;
      Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
      long[] st = new long[size];
      double[][] sv = new double[v.length][size];
      for (int i = 0; i < size; i++) {
        st[i] = t[order[i]];
        for (int k = 0; k < v.length; k++) {
          sv[k][i] = v[k][order[i]];
        }
      }
      t = st;
      v = sv;
    }
    int duplicates = 0;
    int out = 0;
    for (int i = 0; i < size; ) {
      int j = i + 1;
      while (j < size && t[j] == t[i]) {
        j++;
      }
      for (int k = 0; k < v.length; k++) {
        v[k][out] = j - i == 1 ? v[k][i] : meanOf(v[k], i, j);
      }
      t[out++] = t[i];
      duplicates += j - i - 1;
      i = j;
    }
    List<String> valueNames = new ArrayList<>();
    List<double[]> columns = new ArrayList<>();
    Map<String, Integer> gaps = new LinkedHashMap<>();
    Map<String, Character> decimalSeparators = new LinkedHashMap<>();
    for (int k = 0; k < v.length; k++) {
      double[] col = Arrays.copyOf(v[k], out);
      String name = names[valueIndexes[k]];
      valueNames.add(name);
      columns.add(col);
      int g = 0;
      for (double x : col) {
        if (Double.isNaN(x)) {
          g++;
        }
      }
      gaps.put(name, g);
      char d = decimals[k].decimal();
      decimalSeparators.put(name, d == 0 ? '.' : d);
    }
    TimestampFormat f = format == null ? TimestampFormat.isoUtc() : format;
    if (options.zone().isPresent()) {
      f = f.inZone(options.zone().get());
    } else if (offsets.size() > 1) {
      f = f.inZone(ZoneOffset.UTC);
    }
    List<TimestampForm> forms = new ArrayList<>();
    for (int code : formOrder) {
      if (formRows[code] > 0) {
        forms.add(new TimestampForm(patternOf(code), formRows[code], formLines[code]));
      }
    }
    SeriesTable table =
        SeriesTable.of(names[timeIndex], Arrays.copyOf(t, out), valueNames, columns, f);
    CsvReport report =
        new CsvReport(
            source,
            tokenizer.delimiter(),
            header,
            dataRows,
            skipped,
            skippedLines,
            duplicates,
            sorted,
            gaps,
            ignored,
            decimalSeparators,
            forms,
            offsets,
            offsetChangeLine);
    return new CsvData(table, report);
  }

  private String patternOf(int code) {
    return switch (code) {
      case Cells.EPOCH_SECONDS_CODE -> TimestampFormat.epochSeconds().pattern();
      case Cells.EPOCH_MILLIS_CODE -> TimestampFormat.epochMillis().pattern();
      default -> formPatterns[code];
    };
  }

  /**
   * Removes the date-only rows kept before a later row's time of day showed they do not belong
   * (lenient reading), counting them as skipped; the first row with a time of day gives the style.
   */
  private void dropDateRows() {
    int out = 0;
    int d = 0;
    for (int i = 0; i < size; i++) {
      if (d < dateRowCount && dateRows[d] == i) {
        d++;
        continue;
      }
      times[out] = times[i];
      for (double[] column : values) {
        column[out] = column[i];
      }
      out++;
    }
    size = out;
    skipped += dateRowCount;
    formRows[0] -= dateRowCount;
    List<Integer> lines = new ArrayList<>(skippedLines);
    lines.addAll(dateLines);
    lines.sort(null);
    skippedLines.clear();
    skippedLines.addAll(lines.subList(0, Math.min(lines.size(), MAX_SKIPPED_LINES)));
    if (format != null && format.style() == TimestampFormat.Style.DATE && timeFormat != null) {
      format = timeFormat;
    }
  }

  private static double meanOf(double[] v, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int i = from; i < to; i++) {
      if (!Double.isNaN(v[i])) {
        sum += v[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
