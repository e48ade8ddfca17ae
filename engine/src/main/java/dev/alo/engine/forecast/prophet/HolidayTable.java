package dev.alo.engine.forecast.prophet;

import dev.alo.engine.InputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Parses Prophet's holidays table from CSV text: a header naming the columns {@code holiday} and
 * {@code ds} (a date, yyyy-MM-dd, optionally followed by a time which is ignored) and optionally
 * {@code lower_window}, {@code upper_window} (days, as Prophet: lower &lt;= 0 &lt;= upper) and
 * {@code prior_scale}. Rows of one holiday are merged into one {@link Holiday}; they must agree on
 * the window and prior scale.
 */
public final class HolidayTable {
  private HolidayTable() {}

  /**
   * Parses the lines of a holidays CSV.
   *
   * @param source name of the file, for error messages
   * @param lines the file's lines, header first
   * @return the holidays in order of first appearance
   * @throws InputException naming the file, line and value when something does not parse
   */
  public static List<Holiday> parse(String source, List<String> lines) {
    if (lines.isEmpty()) {
      throw new InputException(source + ": empty holidays file; expected a header with holiday,ds");
    }
    List<String> header = new ArrayList<>();
    for (String h : splitCsv(lines.get(0))) {
      header.add(h.toLowerCase(Locale.ROOT));
    }
    int nameCol = header.indexOf("holiday");
    int dsCol = header.indexOf("ds");
    if (nameCol < 0 || dsCol < 0) {
      throw new InputException(
          source
              + ": header "
              + header
              + " lacks holiday and ds columns; expected e.g."
              + " holiday,ds,lower_window,upper_window");
    }
    int lowerCol = header.indexOf("lower_window");
    int upperCol = header.indexOf("upper_window");
    int scaleCol = header.indexOf("prior_scale");
    Map<String, Builder> byName = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      List<String> f = splitCsv(line);
      String where = source + " line " + (i + 1);
      if (f.size() < header.size()) {
        throw new InputException(
            where + ": " + f.size() + " fields, expected " + header.size() + " as in the header");
      }
      String name = f.get(nameCol);
      if (name.isEmpty()) {
        throw new InputException(where + ": empty holiday name");
      }
      String ds = f.get(dsCol);
      LocalDate date;
      try {
        date = LocalDate.parse(ds.length() > 10 ? ds.substring(0, 10) : ds);
      } catch (DateTimeParseException e) {
        throw new InputException(where + ": ds '" + ds + "' is not a date; expected yyyy-MM-dd", e);
      }
      int lower = lowerCol < 0 ? 0 : integer(f.get(lowerCol), where, "lower_window");
      int upper = upperCol < 0 ? 0 : integer(f.get(upperCol), where, "upper_window");
      OptionalDouble scale = OptionalDouble.empty();
      if (scaleCol >= 0 && !f.get(scaleCol).isEmpty() && !f.get(scaleCol).equals("NA")) {
        try {
          scale = OptionalDouble.of(Double.parseDouble(f.get(scaleCol)));
        } catch (NumberFormatException e) {
          throw new InputException(
              where + ": prior_scale '" + f.get(scaleCol) + "' is not a number", e);
        }
      }
      Builder b = byName.computeIfAbsent(name, n -> new Builder());
      if (b.dates.isEmpty()) {
        b.lower = lower;
        b.upper = upper;
        b.scale = scale;
      } else if (b.lower != lower || b.upper != upper || !b.scale.equals(scale)) {
        throw new InputException(
            where
                + ": holiday "
                + name
                + " has window ["
                + lower
                + ", "
                + upper
                + "] / prior "
                + scale
                + " but an earlier row had ["
                + b.lower
                + ", "
                + b.upper
                + "] / prior "
                + b.scale
                + "; expected one window and prior scale per holiday");
      }
      b.dates.add(date);
    }
    List<Holiday> out = new ArrayList<>();
    for (Map.Entry<String, Builder> e : byName.entrySet()) {
      Builder b = e.getValue();
      try {
        out.add(new Holiday(e.getKey(), b.dates, b.lower, b.upper, b.scale));
      } catch (InputException ex) {
        throw new InputException(source + ": " + ex.getMessage(), ex);
      }
    }
    return out;
  }

  private static int integer(String raw, String where, String column) {
    if (raw.isEmpty() || raw.equals("NA")) {
      return 0;
    }
    try {
      return (int) Math.round(Double.parseDouble(raw));
    } catch (NumberFormatException e) {
      throw new InputException(where + ": " + column + " '" + raw + "' is not a whole number", e);
    }
  }

  private static List<String> splitCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString().trim());
    return out;
  }

  private static final class Builder {
    private final List<LocalDate> dates = new ArrayList<>();
    private int lower;
    private int upper;
    private OptionalDouble scale = OptionalDouble.empty();
  }
}
