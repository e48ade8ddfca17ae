package dev.alo.engine.synth;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes generated usage as CSV: header {@code timestamp,active_users,server_load,response_time},
 * timestamps {@code yyyy-MM-dd HH:mm:ss} UTC, users whole, load with 2 decimals, response time with
 * 1 decimal, {@code .} as the decimal point whatever the locale, LF line ends.
 */
public final class UsageCsv {
  /** The header line of the data file. */
  public static final String HEADER = "timestamp,active_users,server_load,response_time";

  /** The header line of the anomaly label file. */
  public static final String LABELS_HEADER = "first,last,points,kind,column,factor";

  private UsageCsv() {}

  /** Writes the header and one line per point. */
  public static void write(SyntheticUsage usage, Appendable out) throws IOException {
    out.append(HEADER).append('\n');
    StringBuilder line = new StringBuilder(64);
    for (int i = 0; i < usage.size(); i++) {
      line.setLength(0);
      appendTimestamp(line, usage.timeAt(i));
      line.append(',');
      appendFixed(line, usage.activeUsersAt(i), 0);
      line.append(',');
      appendFixed(line, usage.serverLoadAt(i), 2);
      line.append(',');
      appendFixed(line, usage.responseTimeAt(i), 1);
      line.append('\n');
      out.append(line);
    }
  }

  /**
   * Writes the anomaly windows, one per line: the first and last affected timestamps (inclusive),
   * the number of points, the kind ({@code users_surge} or {@code latency_spike}), the column it
   * disturbs and the factor applied to it.
   */
  public static void writeLabels(SyntheticUsage usage, Appendable out) throws IOException {
    out.append(LABELS_HEADER).append('\n');
    List<Anomaly> anomalies = usage.anomalies();
    StringBuilder line = new StringBuilder(96);
    for (Anomaly a : anomalies) {
      line.setLength(0);
      appendTimestamp(line, usage.timeAt(a.fromIndex()));
      line.append(',');
      appendTimestamp(line, usage.timeAt(a.toIndex() - 1));
      line.append(',').append(a.points());
      line.append(',').append(a.kind().label());
      line.append(',').append(a.kind().column()).append(',');
      appendFixed(line, a.factor(), 2);
      line.append('\n');
      out.append(line);
    }
  }

  /** Appends {@code epochMillis} (whole seconds) as {@code yyyy-MM-dd HH:mm:ss} UTC. */
  static void appendTimestamp(StringBuilder sb, long epochMillis) {
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC);
    pad(sb, t.getYear(), 4).append('-');
    pad(sb, t.getMonthValue(), 2).append('-');
    pad(sb, t.getDayOfMonth(), 2).append(' ');
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2).append(':');
    pad(sb, t.getSecond(), 2);
  }

  /** Appends a non-negative value rounded half up to {@code decimals} places, digits only. */
  static void appendFixed(StringBuilder sb, double value, int decimals) {
    long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
    long scaled = Math.round(value * scale);
    if (scaled < 0) {
      sb.append('-');
      scaled = -scaled;
    }
    sb.append(scaled / scale);
    if (decimals > 0) {
      sb.append('.');
      pad(sb, (int) (scaled % scale), decimals);
    }
  }

  private static StringBuilder pad(StringBuilder sb, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(digits);
  }
}
