package dev.alo.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The number parser with either decimal separator and thousands groups. */
class NumberPropertiesTest {
  /** The only texts that read as two different numbers: d.ddd or d,ddd with 1 to 3 digits first. */
  static final Pattern TWO_READINGS = Pattern.compile("[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}");

  private static final char[] GROUPS = {0, '.', ',', ' ', '\u00a0', '\u202f', '\''};

  /** A number as a spreadsheet in some locale would write it. */
  record Written(BigDecimal value, char decimal, String text) {}

  @Provide
  Arbitrary<Written> written() {
    Arbitrary<Long> unscaled =
        Arbitraries.oneOf(
            Arbitraries.longs().between(-10_000_000_000_000L, 10_000_000_000_000L),
            Arbitraries.longs().between(-100_000, 100_000));
    return Combinators.combine(
            unscaled,
            Arbitraries.integers().between(0, 6),
            Arbitraries.of('.', ','),
            Arbitraries.of(GROUPS),
            Arbitraries.of(true, false))
        .as(
            (u, scale, decimal, group, plus) -> {
              BigDecimal v = BigDecimal.valueOf(u, scale);
              char g = group.charValue() == decimal.charValue() ? 0 : group;
              return new Written(v, decimal, write(v, decimal, g, plus));
            });
  }

  static String write(BigDecimal v, char decimal, char group, boolean plus) {
    String plain = v.abs().toPlainString();
    int dot = plain.indexOf('.');
    String whole = dot < 0 ? plain : plain.substring(0, dot);
    StringBuilder sb = new StringBuilder(v.signum() < 0 ? "-" : plus ? "+" : "");
    for (int i = 0; i < whole.length(); i++) {
      if (group != 0 && i > 0 && (whole.length() - i) % 3 == 0) {
        sb.append(group);
      }
      sb.append(whole.charAt(i));
    }
    if (dot >= 0) {
      sb.append(decimal).append(plain, dot + 1, plain.length());
    }
    return sb.toString();
  }

  static double parse(String text, char decimal) {
    Cells c = new Cells();
    double v = c.number(text.toCharArray(), 0, text.length(), decimal);
    return c.ok ? v : Double.NaN;
  }

  @Property(tries = 2000)
  void writtenNumbers_readAsTheClosestDouble(@ForAll("written") Written w) {
    assertThat(parse(w.text(), w.decimal())).as(w.text()).isEqualTo(w.value().doubleValue());
  }

  @Property(tries = 2000)
  void writtenNumbers_readDifferentlyWithTheOtherSeparator_onlyWhenTheyHaveTwoReadings(
      @ForAll("written") Written w) {
    double own = parse(w.text(), w.decimal());
    double other = parse(w.text(), w.decimal() == '.' ? ',' : '.');
    if (!Double.isNaN(other) && other != own) {
      assertThat(w.text()).matches(TWO_READINGS);
    }
    if (TWO_READINGS.matcher(w.text()).matches()) {
      assertThat(other).as(w.text()).isNotNaN().isNotEqualTo(own);
    }
  }

  @Provide
  Arbitrary<String> numberish() {
    return Arbitraries.strings().withChars("0123456789.,-+eE '\u00a0").ofMaxLength(12);
  }

  @Property(tries = 5000)
  void anyText_readsTwoWaysOnlyWhenItHasTwoReadings(@ForAll("numberish") String text) {
    double point = parse(text, '.');
    double comma = parse(text, ',');
    if (!Double.isNaN(point) && !Double.isNaN(comma) && point != comma) {
      assertThat(text).matches(TWO_READINGS);
    }
    assertThat(Double.isInfinite(point) || Double.isInfinite(comma)).isFalse();
  }

  @Property(tries = 3000)
  void javaDecimalText_readsAsJavaReadsIt(@ForAll("numberish") String text) {
    if (!text.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      return;
    }
    double java = Double.parseDouble(text);
    if (Double.isInfinite(java)) {
      assertThat(parse(text, '.')).isNaN();
    } else {
      assertThat(parse(text, '.')).as(text).isEqualTo(java);
    }
  }

  @Property(tries = 300)
  void columnOfWrittenNumbers_readsBackOrAsksForTheSeparator(
      @ForAll @Size(min = 1, max = 12) List<@From("written") Written> column,
      @ForAll("separators") char decimal,
      @ForAll("fileDelimiters") char delimiter) {
    StringBuilder csv = new StringBuilder("ts").append(delimiter).append("v\n");
    boolean decides = false;
    boolean two = false;
    String[] texts = new String[column.size()];
    for (int i = 0; i < texts.length; i++) {
      Written w = column.get(i);
      // one separator convention for the whole column, as an export writes it
      String t = w.decimal() == decimal ? w.text() : swap(w.text());
      texts[i] = t;
      boolean twoReadings = TWO_READINGS.matcher(t).matches();
      two |= twoReadings;
      decides |= !twoReadings && (t.indexOf('.') >= 0 || t.indexOf(',') >= 0);
      csv.append(1_700_000_000L + i * 60L).append(delimiter);
      csv.append(delimiter == ',' ? "\"" + t + "\"" : t).append('\n');
    }
    boolean assumedPoint = delimiter == ',' && two && !decides;
    try {
      double[] got =
          CsvReader.read(new StringReader(csv.toString()), "p.csv", CsvOptions.defaults())
              .table()
              .values(0);
      assertThat(two && !decides && delimiter != ',').as(csv.toString()).isFalse();
      for (int i = 0; i < texts.length; i++) {
        char d = assumedPoint ? '.' : decimal;
        assertThat(got[i]).as(csv.toString()).isEqualTo(parse(texts[i], d));
      }
    } catch (CsvFormatException e) {
      if (!(two && !decides && delimiter != ',' && e.decimalUnknown())) {
        fail(csv + " failed: " + e.getMessage());
      }
    }
  }

  @Provide
  Arbitrary<Character> separators() {
    return Arbitraries.of('.', ',');
  }

  @Provide
  Arbitrary<Character> fileDelimiters() {
    return Arbitraries.of(',', ';', '\t');
  }

  /** The text with its decimal point and comma exchanged (group separators that are '.' or ','). */
  static String swap(String t) {
    StringBuilder sb = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      sb.append(c == '.' ? ',' : c == ',' ? '.' : c);
    }
    return sb.toString();
  }
}
