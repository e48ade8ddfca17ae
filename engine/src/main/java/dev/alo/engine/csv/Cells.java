package dev.alo.engine.csv;

import dev.alo.engine.series.TimestampFormat;
import java.time.ZoneOffset;

/**
 * Parses cell text without allocating on the common path: decimal numbers, gap markers and ISO
 * timestamps. Each parse method reports success through {@link #ok}; the ISO parser also leaves the
 * form it saw in {@link #lastFormat()}.
 */
final class Cells {
  /** The earliest and latest instants accepted: years 0000 to 9999. */
  static final long MIN_MILLIS = -62_167_219_200_000L;

  static final long MAX_MILLIS = 253_402_300_799_999L;

  private static final double[] POW10 = new double[23];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  boolean ok;

  /** Whether the last successful {@link #number} saw a {@code .} or a {@code ,}. */
  boolean separators;

  private char sep;
  private int fraction;
  private int offsetKind; // 0 none, 1 Z, 2 numeric
  private int offsetSeconds;
  private boolean dateOnly;
  private boolean midnight;

  /** Form codes beyond those of ISO timestamps ({@link #lastFormCode()}). */
  static final int EPOCH_SECONDS_CODE = 67;

  static final int EPOCH_MILLIS_CODE = 68;

  /** One more than the largest form code. */
  static final int FORM_CODES = 69;

  /** Whether the text marks a gap: empty, NaN, NA, N/A, #N/A or null (any case). */
  static boolean isGap(char[] a, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return true;
    }
    if (n > 4) {
      return false;
    }
    return is(a, from, to, "nan")
        || is(a, from, to, "na")
        || is(a, from, to, "n/a")
        || is(a, from, to, "#n/a")
        || is(a, from, to, "null");
  }

  private static boolean is(char[] a, int from, int to, String lower) {
    if (to - from != lower.length()) {
      return false;
    }
    for (int i = 0; i < lower.length(); i++) {
      if (Character.toLowerCase(a[from + i]) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the text is a number with either decimal separator. */
  boolean isNumber(char[] a, int from, int to) {
    number(a, from, to, '.');
    if (!ok) {
      number(a, from, to, ',');
    }
    return ok;
  }

  /**
   * A decimal number such as {@code 12}, {@code -3.5}, {@code .5} or {@code 1.2e-3} with {@code
   * decimal} ({@code .} or {@code ,}) as the decimal separator. The integer part may be grouped by
   * thousands with one of the other separator, a space, a no-break space (U+00A0, U+202F) or an
   * apostrophe: a first group of 1 to 3 digits not starting with 0, then groups of exactly 3, as in
   * {@code 1.234.567,5} or {@code 1,234.5}; a grouped number has no exponent.
   */
  double number(char[] a, int from, int to, char decimal) {
    ok = false;
    separators = false;
    int i = from;
    if (i < to && (a[i] == '+' || a[i] == '-')) {
      i++;
    }
    boolean negative = from < to && a[from] == '-';
    int digitsFrom = i;
    long mantissa = 0;
    int digits = 0;
    int exp10 = 0;
    boolean any = false;
    boolean exact = true;
    char group = 0;
    int run = 0; // digits since the start or the last group separator
    boolean pointOrComma = false;
    while (i < to) {
      char c = a[i];
      if (c >= '0' && c <= '9') {
        any = true;
        run++;
        if (digits < 18) {
          mantissa = mantissa * 10 + (c - '0');
          if (mantissa != 0) {
            digits++;
          }
        } else {
          exp10++;
          exact &= c == '0';
        }
      } else if (c != decimal && isGroupSeparator(c)) {
        if (group == 0) {
          if (run < 1 || run > 3 || a[digitsFrom] == '0') {
            return Double.NaN;
          }
          group = c;
          pointOrComma = c == '.' || c == ',';
        } else if (c != group || run != 3) {
          return Double.NaN;
        }
        run = 0;
      } else {
        break;
      }
      i++;
    }
    if (group != 0 && run != 3) {
      return Double.NaN;
    }
    if (i < to && a[i] == decimal) {
      pointOrComma = true;
      i++;
      while (i < to && a[i] >= '0' && a[i] <= '9') {
        any = true;
        if (digits < 18) {
          mantissa = mantissa * 10 + (a[i] - '0');
          if (mantissa != 0) {
            digits++;
          }
          exp10--;
        } else {
          exact &= a[i] == '0';
        }
        i++;
      }
    }
    if (!any) {
      return Double.NaN;
    }
    if (i < to && group == 0 && (a[i] == 'e' || a[i] == 'E')) {
      i++;
      boolean expNegative = false;
      if (i < to && (a[i] == '+' || a[i] == '-')) {
        expNegative = a[i] == '-';
        i++;
      }
      if (i == to) {
        return Double.NaN;
      }
      int e = 0;
      while (i < to && a[i] >= '0' && a[i] <= '9') {
        if (e < 100_000) {
          e = e * 10 + (a[i] - '0');
        }
        i++;
      }
      exp10 += expNegative ? -e : e;
    }
    if (i != to) {
      return Double.NaN;
    }
    double v;
    if (exact && mantissa < (1L << 53) && exp10 >= -22 && exp10 <= 22) {
      // Clinger's fast path: both operands exact, so one rounding, the correct one
      v = exp10 < 0 ? mantissa / POW10[-exp10] : mantissa * POW10[exp10];
      v = negative ? -v : v;
    } else {
      v = Double.parseDouble(plain(a, from, to, decimal));
    }
    if (Double.isInfinite(v)) {
      return Double.NaN;
    }
    separators = pointOrComma;
    ok = true;
    return v;
  }

  /**
   * Whether the text is made of what numbers are made of (digits, signs, separators, an exponent)
   * and starts like one, though it may not be a valid number, such as {@code 1.234.5}.
   */
  static boolean looksNumeric(char[] a, int from, int to) {
    int i = from;
    if (i < to && (a[i] == '+' || a[i] == '-')) {
      i++;
    }
    if (i < to && (a[i] == '.' || a[i] == ',')) {
      i++;
    }
    if (i >= to || a[i] < '0' || a[i] > '9') {
      return false;
    }
    for (int k = i; k < to; k++) {
      char c = a[k];
      boolean numeric = (c >= '0' && c <= '9') || isGroupSeparator(c) || "eE+-".indexOf(c) >= 0;
      if (!numeric) {
        return false;
      }
    }
    return true;
  }

  private static boolean isGroupSeparator(char c) {
    return c == '.' || c == ',' || c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\'';
  }

  /** A valid number's text as Java reads it: no group separators, {@code .} as the decimal. */
  private static String plain(char[] a, int from, int to, char decimal) {
    StringBuilder sb = new StringBuilder(to - from);
    for (int k = from; k < to; k++) {
      char c = a[k];
      if (c == decimal) {
        sb.append('.');
      } else if (!isGroupSeparator(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * An ISO-8601 date or date-time: {@code yyyy-MM-dd}, optionally {@code T} or a space and {@code
   * HH:mm}, {@code :ss}, a fraction ({@code .} or {@code ,}, up to 9 digits, read to the
   * millisecond), and {@code Z} or an offset {@code ±HH}, {@code ±HHmm}, {@code ±HH:mm}. Without an
   * offset the time is UTC.
   */
  long iso(char[] a, int from, int to) {
    ok = false;
    int n = to - from;
    if (n < 10
        || a[from + 4] != '-'
        || a[from + 7] != '-'
        || !digits(a, from, 4)
        || !digits(a, from + 5, 2)
        || !digits(a, from + 8, 2)) {
      return 0;
    }
    int y = num(a, from, 4);
    int m = num(a, from + 5, 2);
    int d = num(a, from + 8, 2);
    if (m < 1 || m > 12 || d < 1 || d > monthLength(y, m)) {
      return 0;
    }
    long days = daysFromCivil(y, m, d);
    int i = from + 10;
    dateOnly = i == to;
    fraction = 0;
    offsetKind = 0;
    offsetSeconds = 0;
    sep = 'T';
    long secondOfDay = 0;
    int millis = 0;
    if (!dateOnly) {
      char s = a[i];
      if (s != 'T' && s != 't' && s != ' ') {
        return 0;
      }
      sep = s == ' ' ? ' ' : 'T';
      i++;
      if (to - i < 5 || a[i + 2] != ':' || !digits(a, i, 2) || !digits(a, i + 3, 2)) {
        return 0;
      }
      int hh = num(a, i, 2);
      int mm = num(a, i + 3, 2);
      i += 5;
      int ss = 0;
      fraction = TimestampFormat.MINUTES;
      if (i < to && a[i] == ':') {
        if (to - i < 3 || !digits(a, i + 1, 2)) {
          return 0;
        }
        ss = num(a, i + 1, 2);
        i += 3;
        fraction = 0;
        if (i < to && (a[i] == '.' || a[i] == ',')) {
          i++;
          int start = i;
          while (i < to && a[i] >= '0' && a[i] <= '9') {
            if (i - start < 3) {
              millis = millis * 10 + (a[i] - '0');
            }
            i++;
          }
          fraction = i - start;
          if (fraction == 0 || fraction > 9) {
            return 0;
          }
          for (int k = fraction; k < 3; k++) {
            millis *= 10;
          }
        }
      }
      if (hh > 23 || mm > 59 || ss > 59) {
        return 0;
      }
      secondOfDay = hh * 3600L + mm * 60L + ss;
      midnight = secondOfDay == 0 && millis == 0;
      if (i < to && !offset(a, i, to)) {
        return 0;
      }
    }
    long result = ((days * 86_400L) + secondOfDay - offsetSeconds) * 1000L + millis;
    if (result < MIN_MILLIS || result > MAX_MILLIS) {
      return 0;
    }
    ok = true;
    return result;
  }

  private boolean offset(char[] a, int i, int to) {
    char c = a[i];
    if ((c == 'Z' || c == 'z') && i + 1 == to) {
      offsetKind = 1;
      return true;
    }
    if (c != '+' && c != '-') {
      return false;
    }
    int rest = to - i - 1;
    int h;
    int m = 0;
    if (rest == 2 && digits(a, i + 1, 2)) {
      h = num(a, i + 1, 2);
    } else if (rest == 4 && digits(a, i + 1, 4)) {
      h = num(a, i + 1, 2);
      m = num(a, i + 3, 2);
    } else if (rest == 5 && a[i + 3] == ':' && digits(a, i + 1, 2) && digits(a, i + 4, 2)) {
      h = num(a, i + 1, 2);
      m = num(a, i + 4, 2);
    } else {
      return false;
    }
    if (h > 18 || m > 59 || h * 3600 + m * 60 > 18 * 3600) {
      return false;
    }
    offsetKind = 2;
    offsetSeconds = (c == '-' ? -1 : 1) * (h * 3600 + m * 60);
    return true;
  }

  /** Whether the last timestamp {@link #iso} read was a date without a time of day. */
  boolean dateOnly() {
    return dateOnly;
  }

  /** Whether the last timestamp {@link #iso} read had a time of day other than 00:00:00.000. */
  boolean timeOfDay() {
    return !dateOnly && !midnight;
  }

  /** Whether the last timestamp {@link #iso} read had {@code Z} or an offset. */
  boolean hasOffset() {
    return offsetKind != 0;
  }

  /** The offset of the last timestamp {@link #iso} read (0 for {@code Z} or none). */
  int offsetSeconds() {
    return offsetSeconds;
  }

  /**
   * A small number (0 to 66) that tells the form of the last timestamp {@link #iso} read, whatever
   * the offset's value: date only, or the kind of offset, the separator and the fraction digits;
   * {@link #lastFormat()} gives its style.
   */
  int lastFormCode() {
    if (dateOnly) {
      return 0;
    }
    return 1 + (offsetKind * 2 + (sep == ' ' ? 1 : 0)) * 11 + fraction + 1;
  }

  /** The form of the last timestamp {@link #iso} read successfully. */
  TimestampFormat lastFormat() {
    if (dateOnly) {
      return TimestampFormat.date();
    }
    return switch (offsetKind) {
      case 1 -> TimestampFormat.isoUtc(sep, fraction);
      case 2 ->
          offsetSeconds == 0
              ? TimestampFormat.isoOffset(sep, fraction, ZoneOffset.UTC)
              : TimestampFormat.isoOffset(sep, fraction, ZoneOffset.ofTotalSeconds(offsetSeconds));
      default -> TimestampFormat.isoLocal(sep, fraction);
    };
  }

  private static boolean digits(char[] a, int from, int n) {
    for (int k = from; k < from + n; k++) {
      if (a[k] < '0' || a[k] > '9') {
        return false;
      }
    }
    return true;
  }

  private static int num(char[] a, int from, int n) {
    int v = 0;
    for (int k = from; k < from + n; k++) {
      v = v * 10 + (a[k] - '0');
    }
    return v;
  }

  private static int monthLength(int y, int m) {
    return switch (m) {
      case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
  static long daysFromCivil(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  /** The text quoted for a message: at most 60 characters, control characters escaped. */
  static String show(String text) {
    StringBuilder sb = new StringBuilder("'");
    int n = Math.min(text.length(), 60);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\r' -> sb.append("\\r");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    if (text.length() > n) {
      sb.append("...");
    }
    return sb.append('\'').toString();
  }
}
