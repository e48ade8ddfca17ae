package dev.alo.engine.forecast;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One note for a history too short for some seasonal periods, instead of one per model and period:
 * a 3-value hourly series would otherwise be told nine times, by every member of {@code auto}, that
 * it is too short for 24 and 168.
 */
final class ShortHistoryNotes {
  private static final Pattern TOO_SHORT =
      Pattern.compile("too short for seasonal period (\\d+(?:\\.\\d+)?)");

  private ShortHistoryNotes() {}

  /**
   * The notes with every "too short for seasonal period P" note, and the notes that follow from it,
   * merged into one naming each period once, with the other shortness notes (too short to validate,
   * say) after it; the remaining notes keep their order.
   *
   * @param leftOut the periods the history's length left out before any model ran
   * @param n the number of history values
   */
  static List<String> condense(List<String> notes, double[] leftOut, int n) {
    TreeSet<Double> periods = new TreeSet<>();
    for (double p : leftOut) {
      periods.add(p);
    }
    List<String> shortness = new ArrayList<>();
    List<String> others = new ArrayList<>();
    int at = -1; // where the merged note goes: where the first note it replaces was
    for (String note : notes) {
      Matcher m = TOO_SHORT.matcher(note);
      if (at < 0 && (m.find() || note.contains("too short"))) {
        at = others.size();
      }
      m.reset();
      if (m.find()) {
        periods.add(Double.parseDouble(m.group(1)));
      } else if (note.contains("too short")) {
        shortness.add(note);
      } else if (!note.contains("no usable seasonal period")) { // that follows from the above
        others.add(note);
      }
    }
    if (periods.isEmpty()) {
      return notes;
    }
    String listed =
        periods.stream().map(ShortHistoryNotes::period).collect(Collectors.joining(" and "));
    StringBuilder one =
        new StringBuilder("series too short for seasonal period")
            .append(periods.size() > 1 ? "s " : " ")
            .append(listed)
            .append(" (")
            .append(n)
            .append(" values; a season needs two cycles): left out");
    shortness.forEach(s -> one.append("; ").append(s));
    List<String> condensed = new ArrayList<>(others);
    condensed.add(at < 0 ? others.size() : at, one.toString());
    return condensed;
  }

  /** A period as written: {@code 168}, {@code 365.25}. */
  static String period(double p) {
    return BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
  }
}
