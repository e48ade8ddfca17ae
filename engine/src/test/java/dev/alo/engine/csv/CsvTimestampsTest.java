package dev.alo.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.series.SeriesTable;
import dev.alo.engine.series.TimestampFormat;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Timestamp forms, offsets and zones as the reader sees them and the writer continues them. */
class CsvTimestampsTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  // hourly across Europe/Berlin's change to summer time (01:00Z on Sunday, 31 March 2024)
  static final String HOURLY_DST =
      """
      t,v
      2024-03-31T00:00:00+01:00,1
      2024-03-31T01:00:00+01:00,2
      2024-03-31T03:00:00+02:00,3
      2024-03-31T04:00:00+02:00,4
      """;

  // local midnights around the same change: the day of the change has 23 hours
  static final String DAILY_DST =
      """
      t,v
      2024-03-30T00:00:00+01:00,1
      2024-03-31T00:00:00+01:00,2
      2024-04-01T00:00:00+02:00,3
      2024-04-02T00:00:00+02:00,4
      """;

  static CsvData read(String text, CsvOptions options) {
    return CsvReader.read(new StringReader(text), "in.csv", options);
  }

  static CsvData read(String text) {
    return read(text, CsvOptions.defaults());
  }

  static String written(SeriesTable t) {
    StringBuilder sb = new StringBuilder();
    CsvWriter.write(t, sb);
    return sb.toString();
  }

  static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void read_offsetsThatChange_areReadExactlyAndWrittenInUtc() {
    CsvData d = read(HOURLY_DST);
    assertThat(d.table().times())
        .containsExactly(
            ms("2024-03-30T23:00:00Z"),
            ms("2024-03-31T00:00:00Z"),
            ms("2024-03-31T01:00:00Z"),
            ms("2024-03-31T02:00:00Z"));
    assertThat(d.report().offsets()).containsExactly(ZoneOffset.ofHours(1), ZoneOffset.ofHours(2));
    assertThat(d.report().offsetChangeLine()).isEqualTo(4);
    assertThat(d.report().offsetsChange()).isTrue();
    assertThat(d.table().timestampFormat()).isEqualTo(TimestampFormat.isoUtc());
    assertThat(written(d.table()))
        .isEqualTo(
            """
            t,v
            2024-03-30T23:00:00Z,1
            2024-03-31T00:00:00Z,2
            2024-03-31T01:00:00Z,3
            2024-03-31T02:00:00Z,4
            """);
  }

  @Test
  void read_hourlyAcrossADaylightSavingChangeInAGivenZone_writesTheSameText() {
    CsvData d = read(HOURLY_DST, CsvOptions.defaults().withZone(BERLIN));
    assertThat(d.table().timestampFormat()).isEqualTo(TimestampFormat.isoZone('T', 0, BERLIN));
    assertThat(written(d.table())).isEqualTo(HOURLY_DST);
  }

  @Test
  void read_dailyAcrossADaylightSavingChangeInAGivenZone_writesTheSameText() {
    CsvData d = read(DAILY_DST, CsvOptions.defaults().withZone(BERLIN));
    assertThat(d.table().times()[2] - d.table().times()[1]).isEqualTo(23 * 3_600_000L);
    assertThat(written(d.table())).isEqualTo(DAILY_DST);
  }

  @Test
  void read_oneOffsetThroughout_keepsIt() {
    CsvData d = read("t,v\n2024-07-01T10:00:00+02:00,1\n2024-07-01T11:00:00+02:00,2\n");
    assertThat(d.report().offsetsChange()).isFalse();
    assertThat(d.table().timestampFormat())
        .isEqualTo(TimestampFormat.isoOffset('T', 0, ZoneOffset.ofHours(2)));
  }

  @Test
  void read_timesWithoutOffsetAndAGivenZone_areReadAsUtcAndWrittenWithTheZonesOffsets() {
    CsvData d =
        read(
            "t,v\n2024-03-31 00:00:00,1\n2024-03-31 01:00:00,2\n",
            CsvOptions.defaults().withZone(BERLIN));
    assertThat(written(d.table()))
        .isEqualTo("t,v\n2024-03-31 01:00:00+01:00,1\n2024-03-31 03:00:00+02:00,2\n");
  }

  @Test
  void read_formsThatAgreeOnTheInstant_areReadAndCounted() {
    CsvData d =
        read(
            """
            t,v
            2024-03-01 10:00,1
            2024-03-01T11:00:00Z,2
            2024-03-01 12:00,3
            2024-03-01T13:00:00+00:00,4
            """);
    assertThat(d.table().times())
        .containsExactly(
            ms("2024-03-01T10:00:00Z"),
            ms("2024-03-01T11:00:00Z"),
            ms("2024-03-01T12:00:00Z"),
            ms("2024-03-01T13:00:00Z"));
    assertThat(d.report().timestampForms())
        .containsExactly(
            new TimestampForm("yyyy-MM-dd HH:mm", 2, 2),
            new TimestampForm("yyyy-MM-dd'T'HH:mm:ssZ", 1, 3),
            new TimestampForm("yyyy-MM-dd'T'HH:mm:ss+HH:mm", 1, 5));
    assertThat(d.table().timestampFormat())
        .isEqualTo(TimestampFormat.isoLocal(' ', TimestampFormat.MINUTES));
  }

  @Test
  void read_oneForm_reportsItAlone() {
    assertThat(read(HOURLY_DST).report().timestampForms())
        .containsExactly(new TimestampForm("yyyy-MM-dd'T'HH:mm:ss+HH:mm", 4, 2));
  }

  @Test
  void read_timesWithoutOffsetAmongTimesWithOne_failNamingBothLinesAndForms() {
    String text =
        "t,v\n2024-03-01T10:00:00+01:00,1\n2024-03-01T11:00:00+01:00,2\n2024-03-01 12:00,3\n";
    for (boolean lenient : new boolean[] {false, true}) {
      assertThatThrownBy(() -> read(text, CsvOptions.defaults().withLenient(lenient)))
          .isInstanceOf(CsvFormatException.class)
          .hasMessage(
              "in.csv, line 4, column 1 (t): '2024-03-01 12:00' (yyyy-MM-dd HH:mm) has no offset,"
                  + " read as UTC, but '2024-03-01T10:00:00+01:00' on line 2"
                  + " (yyyy-MM-dd'T'HH:mm:ss+HH:mm) has one, so the two disagree on the zone"
                  + " (expected an offset on every timestamp or on none)");
    }
    assertThatThrownBy(() -> read("t,v\n2024-03-01 12:00,3\n2024-03-01T13:00:00+01:00,1\n"))
        .hasMessageStartingWith(
            "in.csv, line 3, column 1 (t): '2024-03-01T13:00:00+01:00'"
                + " (yyyy-MM-dd'T'HH:mm:ss+HH:mm) has an offset other than +00:00, but"
                + " '2024-03-01 12:00' on line 2 (yyyy-MM-dd HH:mm) has none");
    // an offset of +00:00 agrees with UTC: the row named is the first with another offset
    assertThatThrownBy(
            () ->
                read(
                    """
                    t,v
                    2024-03-01T09:00:00+00:00,1
                    2024-03-01T11:00:00+01:00,2
                    2024-03-01 11:00,3
                    """))
        .hasMessageContaining("but '2024-03-01T11:00:00+01:00' on line 3");
  }

  @Test
  void read_epochNumberAmongIsoTimestamps_failsNamingBothForms() {
    assertThatThrownBy(() -> read("t,v\n2024-03-01 10:00,1\n1709290800,2\n"))
        .hasMessage(
            "in.csv, line 3, column 1 (t): '1709290800' is an epoch number, but the column's"
                + " timestamps are yyyy-MM-dd HH:mm ('2024-03-01 10:00' on line 2) (expected one"
                + " kind of timestamp in a column: epoch numbers or ISO-8601 text)");
    assertThatThrownBy(() -> read("t,v\n1709287200,1\n2024-03-01 11:00,2\n"))
        .hasMessage(
            "in.csv, line 3, column 1 (t): '2024-03-01 11:00' is yyyy-MM-dd HH:mm, but the"
                + " column's timestamps are epoch seconds ('1709287200' on line 2) (expected one"
                + " kind of timestamp in a column: epoch numbers or ISO-8601 text)");
  }

  @Test
  void read_dateWithoutTimeAmongHourlyTimes_failsNamingBothLines() {
    assertThatThrownBy(() -> read("t,v\n2024-03-01 23:00,1\n2024-03-02,2\n2024-03-02 01:00,3\n"))
        .hasMessage(
            "in.csv, line 3, column 1 (t): '2024-03-02' is a date without a time of day, but"
                + " '2024-03-01 23:00' on line 2 has one, so it cannot be read as midnight"
                + " (expected a date and time on every row, such as 2024-03-02 00:00; --lenient"
                + " skips such rows)");
    assertThatThrownBy(() -> read("t,v\n2024-03-01 00:00,1\n2024-03-01 01:00,2\n2024-03-02,3\n"))
        .hasMessageContaining("but '2024-03-01 01:00' on line 3 has one");
    assertThatThrownBy(() -> read("t,v\n2024-03-01,1\n2024-03-01 01:00,2\n"))
        .hasMessageStartingWith(
            "in.csv, line 2, column 1 (t): '2024-03-01' is a date without a time of day, but"
                + " '2024-03-01 01:00' on line 3 has one");
  }

  @Test
  void read_lenient_skipsDatesWithoutTimeAmongHourlyTimesInsteadOfAveragingThemIntoMidnight() {
    CsvOptions lenient = CsvOptions.defaults().withLenient(true);
    CsvData d =
        read(
            "t,v\n2024-03-01,100\n2024-03-01 00:00,1\n2024-03-01 01:00,2\n2024-03-02,100\n",
            lenient);
    assertThat(d.table().times())
        .containsExactly(ms("2024-03-01T00:00:00Z"), ms("2024-03-01T01:00:00Z"));
    assertThat(d.table().values(0)).containsExactly(1.0, 2.0);
    assertThat(d.report().skippedRows()).isEqualTo(2);
    assertThat(d.report().skippedLines()).containsExactly(2, 5);
    assertThat(d.report().duplicateRows()).isZero();
    assertThat(d.table().timestampFormat())
        .isEqualTo(TimestampFormat.isoLocal(' ', TimestampFormat.MINUTES));
    assertThat(d.report().timestampForms())
        .containsExactly(new TimestampForm("yyyy-MM-dd HH:mm", 2, 3));
  }

  @Test
  void read_datesAmongMidnights_agree() {
    CsvData d = read("t,v\n2024-03-01,1\n2024-03-02T00:00:00Z,2\n2024-03-03,3\n");
    assertThat(d.table().size()).isEqualTo(3);
    assertThat(d.table().timestampFormat()).isEqualTo(TimestampFormat.date());
    assertThat(d.report().timestampForms()).hasSize(2);
  }
}
