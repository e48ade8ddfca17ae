package dev.alo.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Decimal separators and thousands groups, found per column or given. */
class CsvDecimalTest {

  static CsvData read(String text) {
    return read(text, CsvOptions.defaults());
  }

  static CsvData read(String text, CsvOptions options) {
    return CsvReader.read(new StringReader(text), "in.csv", options);
  }

  /** A file of the given delimiter: a header ts and the columns, one row per hour. */
  static String file(char delimiter, String header, String... rows) {
    StringBuilder sb = new StringBuilder("ts").append(delimiter).append(header).append('\n');
    for (int i = 0; i < rows.length; i++) {
      sb.append(String.format(Locale.ROOT, "2024-01-01 %02d:00", i))
          .append(delimiter)
          .append(rows[i]);
      sb.append('\n');
    }
    return sb.toString();
  }

  @Test
  void europeanExport_decimalCommaAndThousandsPoints_areReadAndReported() {
    CsvData d = read(file(';', "load;users", "1.234,5;12", "1.300,0;13", "999,5;14"));
    assertThat(d.table().columnNames()).containsExactly("load", "users");
    assertThat(d.table().values(0)).containsExactly(1234.5, 1300.0, 999.5);
    assertThat(d.table().values(1)).containsExactly(12.0, 13.0, 14.0);
    assertThat(d.report().ignoredColumns()).isEmpty();
    assertThat(d.report().decimalSeparators())
        .containsEntry("load", ',')
        .containsEntry("users", '.');
  }

  @Test
  void groupedOnlyColumn_isNeverDroppedAsText() {
    // every value has a thousands point and a decimal comma: no value parses the old way
    CsvData d = read(file(';', "load", "1.234,5", "2.345,5"));
    assertThat(d.table().values(0)).containsExactly(1234.5, 2345.5);
  }

  @Test
  void pointOnlyThreeDigitValues_inASemicolonFile_failNamingTheColumnAndBothReadings() {
    assertThatThrownBy(() -> read(file(';', "users", "1.234", "1.500", "1.250")))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage(
            "in.csv, column 2 (users): '1.234' (line 2) reads as 1.234 with a decimal point or as"
                + " 1234 with a decimal comma, and no value in the file tells which (expected the"
                + " decimal separator to be given)")
        .matches(e -> ((CsvFormatException) e).decimalUnknown());
  }

  @Test
  void pointOnlyThreeDigitValues_inATabFile_failToo() {
    assertThatThrownBy(() -> read(file('\t', "users", "1.234", "-2.500")))
        .isInstanceOf(CsvFormatException.class)
        .matches(e -> ((CsvFormatException) e).decimalUnknown());
  }

  @Test
  void twoReadingValues_takeTheReadingALaterValueDecides() {
    StringBuilder comma = new StringBuilder("ts;v\n");
    StringBuilder point = new StringBuilder("ts;v\n");
    for (int i = 0; i < 300; i++) {
      String t = String.valueOf(1_700_000_000 + i * 60);
      comma.append(t).append(";1.234\n");
      point.append(t).append(";1.234\n");
    }
    comma.append("1700100000;2,5\n"); // past the 200 sampled rows
    point.append("1700100000;0.5\n");
    double[] c = read(comma.toString()).table().values(0);
    double[] p = read(point.toString()).table().values(0);
    assertThat(c[0]).isEqualTo(1234.0);
    assertThat(c[299]).isEqualTo(1234.0);
    assertThat(c[300]).isEqualTo(2.5);
    assertThat(p[0]).isEqualTo(1.234);
    assertThat(p[300]).isEqualTo(0.5);
  }

  @Test
  void pointAndCommaInOneColumn_failNamingBothLines() {
    assertThatThrownBy(() -> read(file(';', "v", "12.5", "3", "1.234,5")))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage(
            "in.csv, line 4, column 2 (v): '1.234,5' has a decimal comma, but '12.5' on line 2"
                + " has a decimal point (expected one decimal separator in a column)");
  }

  @Test
  void pointAndCommaInOneColumn_leniently_skipsTheRowOfTheOtherKind() {
    CsvData d =
        read(file(';', "v", "12.5", "1.234,5", "7"), CsvOptions.defaults().withLenient(true));
    assertThat(d.table().values(0)).containsExactly(12.5, 7.0);
    assertThat(d.report().skippedLines()).containsExactly(3);
  }

  @Test
  void columnsDecideEachOnTheirOwn() {
    CsvData d = read(file(';', "a;b", "1,5;2.5", "1.000;3.000"));
    assertThat(d.table().values(0)).containsExactly(1.5, 1000.0);
    assertThat(d.table().values(1)).containsExactly(2.5, 3.0);
  }

  @Test
  void twoReadingColumn_takesTheSeparatorTheOtherColumnsAgreeOn() {
    CsvData d = read(file(';', "load;users", "1,5;1.000", "2,5;2.000"));
    assertThat(d.table().values(1)).containsExactly(1000.0, 2000.0);
    assertThat(d.report().decimalSeparators()).containsEntry("users", ',');
    assertThat(read(file(';', "load;users", "1.5;1.000", "2;2.000")).table().values(1))
        .containsExactly(1.0, 2.0);
    assertThatThrownBy(() -> read(file(';', "a;b;users", "1,5;2.5;1.000")))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageStartingWith("in.csv, column 4 (users): '1.000' (line 2) reads as 1 with")
        .matches(e -> ((CsvFormatException) e).decimalUnknown());
  }

  @Test
  void commaSeparatedFile_readsTwoReadingValuesWithAPoint_andQuotedCommasAsTheyDecide() {
    assertThat(read(file(',', "v", "\"1,234\"", "\"2,000\"")).table().values(0))
        .containsExactly(1234.0, 2000.0);
    assertThat(read(file(',', "v", "1.234", "2.000")).table().values(0))
        .containsExactly(1.234, 2.0);
    assertThat(read(file(',', "v", "\"1,234\"", "\"0,5\"")).table().values(0))
        .containsExactly(1.234, 0.5);
    assertThat(read(file(',', "v", "\"1,234.5\"", "2")).table().values(0))
        .containsExactly(1234.5, 2.0);
  }

  @Test
  void givenSeparator_readsTwoReadingValuesItsWay() {
    String f = file(';', "v", "1.234", "1.500");
    assertThat(read(f, CsvOptions.defaults().withDecimal(',')).table().values(0))
        .containsExactly(1234.0, 1500.0);
    assertThat(read(f, CsvOptions.defaults().withDecimal('.')).table().values(0))
        .containsExactly(1.234, 1.5);
    assertThat(read(f, CsvOptions.defaults().withDecimal(',')).report().decimalSeparators())
        .containsEntry("v", ',');
  }

  @Test
  void givenSeparator_rejectsValuesOfTheOtherKind() {
    assertThatThrownBy(() -> read(file(';', "v", "1,5"), CsvOptions.defaults().withDecimal('.')))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageStartingWith(
            "in.csv, line 2, column 2 (v): '1,5' is not a number with a decimal point (expected");
    assertThatThrownBy(() -> CsvOptions.defaults().withDecimal(';'))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void otherGroupSeparators_spacesAndApostrophes_areRead() {
    assertThat(read(file(';', "v", "1 234,5", "1\u00a0234\u00a0567,25")).table().values(0))
        .containsExactly(1234.5, 1234567.25);
    assertThat(read(file(';', "v", "1'234.5", "-12'000")).table().values(0))
        .containsExactly(1234.5, -12000.0);
  }

  @Test
  void malformedGroups_areNotNumbers() {
    for (String bad : new String[] {"1.23,5", "1.2345,6", "12.34.567", "0.123.456", "1,2,3"}) {
      assertThatThrownBy(() -> read(file(';', "x;v", "1;" + bad)))
          .as(bad)
          .isInstanceOf(CsvFormatException.class)
          .hasMessageContaining("(v): '" + bad + "' is not a number");
    }
  }

  @Test
  void numericLookingColumn_isAnErrorNotAnIgnoredTextColumn() {
    assertThatThrownBy(() -> read(file(';', "v;w", "1;1.2.3", "2;4.5.6")))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("column 3 (w): '1.2.3' is not a number");
    CsvData text = read(file(';', "v;host", "1;web-1", "2;web-2"));
    assertThat(text.report().ignoredColumns()).containsExactly("host");
  }
}
