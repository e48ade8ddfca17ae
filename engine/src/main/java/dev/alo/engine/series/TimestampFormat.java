package dev.alo.engine.series;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The style in which a source wrote its timestamps, so that outputs can continue it: ISO-8601 with
 * {@code Z}, with an offset or without one ({@code 'T'} or space between date and time, with or
 * without seconds and fractions), date only, epoch seconds or epoch milliseconds. An offset is
 * fixed or follows a zone ({@link #inZone}): then each instant is written with the offset the zone
 * has at that instant ({@code +01:00} in winter, {@code +02:00} in summer for Europe/Berlin).
 *
 * <p>{@link #format(long)} never loses information: a time that the style cannot show exactly (a
 * fraction of a second in a style without one, a time of day in a date-only style) is written with
 * the missing part added.
 */
public final class TimestampFormat {
  /** How the timestamps are written. */
  public enum Style {
    /** ISO-8601 date and time in UTC with a trailing {@code Z}. */
    ISO_UTC,
    /** ISO-8601 date and time with an offset such as {@code +02:00}, fixed or a zone's. */
    ISO_OFFSET,
    /** ISO-8601 date and time without an offset (read as UTC). */
    ISO_LOCAL,
    /** {@code yyyy-MM-dd} (read as UTC midnight). */
    DATE,
    /** Whole seconds since 1970-01-01T00:00:00Z. */
    EPOCH_SECONDS,
    /** Milliseconds since 1970-01-01T00:00:00Z. */
    EPOCH_MILLIS
  }

  /** No seconds field at all ({@code HH:mm}). */
  public static final int MINUTES = -1;

  private static final TimestampFormat DATE_ONLY =
      new TimestampFormat(Style.DATE, ' ', 0, ZoneOffset.UTC);
  private static final TimestampFormat SECONDS =
      new TimestampFormat(Style.EPOCH_SECONDS, ' ', 0, ZoneOffset.UTC);
  private static final TimestampFormat MILLIS =
      new TimestampFormat(Style.EPOCH_MILLIS, ' ', 0, ZoneOffset.UTC);

  private final Style style;
  private final char separator;
  private final int fractionDigits;
  private final ZoneId zone;
  private final @Nullable ZoneOffset fixed;

  private TimestampFormat(Style style, char separator, int fractionDigits, ZoneId zone) {
    this.style = style;
    this.separator = separator;
    this.fractionDigits = fractionDigits;
    this.zone = zone;
    this.fixed = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
  }

  /** {@code yyyy-MM-dd'T'HH:mm:ssZ}, the default of series built in code. */
  public static TimestampFormat isoUtc() {
    return isoUtc('T', 0);
  }

  /** {@code yyyy-MM-dd HH:mm:ss} without offset, read and written as UTC. */
  public static TimestampFormat dateTime() {
    return isoLocal(' ', 0);
  }

  /** {@code yyyy-MM-dd}. */
  public static TimestampFormat date() {
    return DATE_ONLY;
  }

  /** Whole epoch seconds. */
  public static TimestampFormat epochSeconds() {
    return SECONDS;
  }

  /** Epoch milliseconds. */
  public static TimestampFormat epochMillis() {
    return MILLIS;
  }

  /**
   * ISO date and time in UTC with {@code Z}.
   *
   * @param separator {@code 'T'} or {@code ' '}
   * @param fractionDigits digits after the seconds (0 for none, {@link #MINUTES} for no seconds)
   */
  public static TimestampFormat isoUtc(char separator, int fractionDigits) {
    return iso(Style.ISO_UTC, separator, fractionDigits, ZoneOffset.UTC);
  }

  /** ISO date and time without offset; see {@link #isoUtc(char, int)} for the arguments. */
  public static TimestampFormat isoLocal(char separator, int fractionDigits) {
    return iso(Style.ISO_LOCAL, separator, fractionDigits, ZoneOffset.UTC);
  }

  /** ISO date and time with a fixed offset; see {@link #isoUtc(char, int)} for the arguments. */
  public static TimestampFormat isoOffset(char separator, int fractionDigits, ZoneOffset offset) {
    return iso(Style.ISO_OFFSET, separator, fractionDigits, offset);
  }

  /**
   * ISO date and time, each instant with the offset the zone has then ({@code +01:00} or {@code
   * +02:00} for Europe/Berlin); see {@link #isoUtc(char, int)} for the other arguments.
   */
  public static TimestampFormat isoZone(char separator, int fractionDigits, ZoneId zone) {
    return iso(Style.ISO_OFFSET, separator, fractionDigits, zone);
  }

  private static TimestampFormat iso(Style style, char separator, int fractionDigits, ZoneId zone) {
    if (separator != 'T' && separator != ' ') {
      throw new IllegalArgumentException("separator: '" + separator + "' (expected: 'T' or ' ')");
    }
    if (fractionDigits < MINUTES || fractionDigits > 9) {
      throw new IllegalArgumentException(
          "fraction digits: " + fractionDigits + " (expected: -1 to 9)");
    }
    return new TimestampFormat(style, separator, fractionDigits, zone);
  }

  public Style style() {
    return style;
  }

  /**
   * This style with the offsets of a zone: an ISO date-time style (with or without offset) writes
   * each instant with the offset the zone has then ({@code Z} for UTC); date-only and epoch styles
   * are returned as they are.
   */
  public TimestampFormat inZone(ZoneId target) {
    return switch (style) {
      case DATE, EPOCH_SECONDS, EPOCH_MILLIS -> this;
      case ISO_UTC, ISO_OFFSET, ISO_LOCAL ->
          target.normalized().equals(ZoneOffset.UTC)
              ? isoUtc(separator, fractionDigits)
              : isoZone(separator, fractionDigits, target);
    };
  }

  /**
   * The zone whose offsets {@link Style#ISO_OFFSET} timestamps are written with (a {@link
   * ZoneOffset} when fixed), UTC for the other styles.
   */
  public ZoneId zone() {
    return zone;
  }

  /** The offset this style writes an instant with (UTC unless {@link Style#ISO_OFFSET}). */
  public ZoneOffset offsetAt(long epochMillis) {
    return fixed != null ? fixed : zone.getRules().getOffset(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * A human description of the style, e.g. {@code yyyy-MM-dd HH:mm:ss} or {@code epoch seconds}.
   */
  public String pattern() {
    return switch (style) {
      case DATE -> "yyyy-MM-dd";
      case EPOCH_SECONDS -> "epoch seconds";
      case EPOCH_MILLIS -> "epoch milliseconds";
      case ISO_UTC -> isoPattern() + "Z";
      case ISO_OFFSET ->
          fixed != null ? isoPattern() + fixed.getId() : shape() + " (" + zone.getId() + ")";
      case ISO_LOCAL -> isoPattern();
    };
  }

  /**
   * The form of the text regardless of the offset's value, e.g. {@code yyyy-MM-dd'T'HH:mm:ss+HH:mm}
   * for any offset; else as {@link #pattern()}.
   */
  public String shape() {
    return style == Style.ISO_OFFSET ? isoPattern() + "+HH:mm" : pattern();
  }

  private String isoPattern() {
    String p = "yyyy-MM-dd" + (separator == 'T' ? "'T'" : " ") + "HH:mm";
    if (fractionDigits >= 0) {
      p += ":ss";
    }
    if (fractionDigits > 0) {
      p += "." + "S".repeat(fractionDigits);
    }
    return p;
  }

  /**
   * This style, widened just enough to show every one of these times exactly and uniformly: a
   * date-only style gains {@code HH:mm:ss} when a time is not at midnight, a style without seconds
   * gains them, and one with fewer than 3 fraction digits gains milliseconds when needed. Writers
   * use it so that a column never mixes forms.
   */
  public TimestampFormat wideEnoughFor(long[] epochMillis) {
    if (style == Style.EPOCH_MILLIS || style == Style.EPOCH_SECONDS) {
      return this;
    }
    boolean subSecond = false;
    boolean subMinute = false;
    boolean subDay = false;
    for (long t : epochMillis) {
      subSecond |= Math.floorMod(t, 1000L) != 0;
      subMinute |= Math.floorMod(t, 60_000L) != 0;
      subDay |= Math.floorMod(t + offsetAt(t).getTotalSeconds() * 1000L, 86_400_000L) != 0;
    }
    Style s = style;
    int digits = fractionDigits;
    if (s == Style.DATE) {
      if (!subDay) {
        return this;
      }
      s = Style.ISO_LOCAL;
      digits = subSecond ? 3 : 0;
    }
    if (digits == MINUTES && subMinute) {
      digits = 0;
    }
    if (subSecond && digits < 3) {
      digits = 3;
    }
    return digits == fractionDigits && s == style
        ? this
        : new TimestampFormat(s, separator, digits, zone);
  }

  /** Writes an instant (epoch milliseconds) in this style. */
  public String format(long epochMillis) {
    StringBuilder sb = new StringBuilder(32);
    formatTo(epochMillis, sb);
    return sb.toString();
  }

  /** Appends an instant (epoch milliseconds) in this style. */
  public void formatTo(long epochMillis, StringBuilder sb) {
    switch (style) {
      case EPOCH_MILLIS -> sb.append(epochMillis);
      case EPOCH_SECONDS -> epochSecondsTo(epochMillis, sb);
      case DATE -> {
        if (Math.floorMod(epochMillis, 86_400_000L) == 0) {
          LocalDateTime t = local(epochMillis);
          dateTo(t, sb);
        } else {
          dateTimeTo(local(epochMillis), ' ', 0, epochMillis, sb);
        }
      }
      case ISO_UTC -> {
        dateTimeTo(local(epochMillis), separator, fractionDigits, epochMillis, sb);
        sb.append('Z');
      }
      case ISO_OFFSET -> {
        ZoneOffset o = offsetAt(epochMillis);
        dateTimeTo(local(epochMillis, o), separator, fractionDigits, epochMillis, sb);
        sb.append(o.getId());
      }
      case ISO_LOCAL -> dateTimeTo(local(epochMillis), separator, fractionDigits, epochMillis, sb);
    }
  }

  private LocalDateTime local(long epochMillis) {
    return local(epochMillis, ZoneOffset.UTC);
  }

  private static LocalDateTime local(long epochMillis, ZoneOffset o) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), o);
  }

  private static void epochSecondsTo(long epochMillis, StringBuilder sb) {
    long s = Math.floorDiv(epochMillis, 1000L);
    int ms = (int) Math.floorMod(epochMillis, 1000L);
    if (ms == 0) {
      sb.append(s);
    } else {
      // exact: the seconds with the milliseconds as a decimal fraction
      sb.append(java.math.BigDecimal.valueOf(epochMillis, 3).stripTrailingZeros().toPlainString());
    }
  }

  private static void dateTo(LocalDateTime t, StringBuilder sb) {
    int y = t.getYear();
    if (y < 0 || y > 9999) {
      sb.append(y < 0 ? '-' : '+');
      pad(sb, Math.abs(y), 4);
    } else {
      pad(sb, y, 4);
    }
    sb.append('-');
    pad(sb, t.getMonthValue(), 2);
    sb.append('-');
    pad(sb, t.getDayOfMonth(), 2);
  }

  private static void dateTimeTo(
      LocalDateTime t, char sep, int fractionDigits, long epochMillis, StringBuilder sb) {
    dateTo(t, sb);
    sb.append(sep);
    pad(sb, t.getHour(), 2);
    sb.append(':');
    pad(sb, t.getMinute(), 2);
    int ms = (int) Math.floorMod(epochMillis, 1000L);
    if (fractionDigits == MINUTES && t.getSecond() == 0 && ms == 0) {
      return;
    }
    sb.append(':');
    pad(sb, t.getSecond(), 2);
    int digits = Math.max(fractionDigits, 0);
    if (ms != 0 && digits < 3) {
      digits = 3;
    }
    if (digits > 0) {
      sb.append('.');
      String f = String.valueOf(1000 + ms).substring(1);
      if (digits <= 3) {
        sb.append(f, 0, digits);
      } else {
        sb.append(f).append("0".repeat(digits - 3));
      }
    }
  }

  private static void pad(StringBuilder sb, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(s);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TimestampFormat f
        && f.style == style
        && f.separator == separator
        && f.fractionDigits == fractionDigits
        && f.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(style, separator, fractionDigits, zone);
  }

  @Override
  public String toString() {
    return "TimestampFormat[" + pattern() + "]";
  }
}
