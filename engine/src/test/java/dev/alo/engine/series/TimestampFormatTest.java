package dev.alo.engine.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampFormatTest {
  static final long T = Instant.parse("2024-03-05T06:07:08Z").toEpochMilli();

  @Test
  void format_eachStyle_writesItsForm() {
    assertThat(TimestampFormat.isoUtc().format(T)).isEqualTo("2024-03-05T06:07:08Z");
    assertThat(TimestampFormat.dateTime().format(T)).isEqualTo("2024-03-05 06:07:08");
    assertThat(TimestampFormat.isoOffset('T', 0, ZoneOffset.ofHours(2)).format(T))
        .isEqualTo("2024-03-05T08:07:08+02:00");
    assertThat(TimestampFormat.isoLocal('T', TimestampFormat.MINUTES).format(T - 8000))
        .isEqualTo("2024-03-05T06:07");
    assertThat(TimestampFormat.isoUtc(' ', 3).format(T + 5)).isEqualTo("2024-03-05 06:07:08.005Z");
    assertThat(TimestampFormat.date().format(T - 22_028_000)).isEqualTo("2024-03-05");
    assertThat(TimestampFormat.epochSeconds().format(T)).isEqualTo(String.valueOf(T / 1000));
    assertThat(TimestampFormat.epochMillis().format(T)).isEqualTo(String.valueOf(T));
  }

  @Test
  void format_neverDropsInformationTheStyleCannotShow() {
    assertThat(TimestampFormat.dateTime().format(T + 250)).isEqualTo("2024-03-05 06:07:08.250");
    assertThat(TimestampFormat.date().format(T)).isEqualTo("2024-03-05 06:07:08");
    assertThat(TimestampFormat.isoLocal(' ', TimestampFormat.MINUTES).format(T))
        .isEqualTo("2024-03-05 06:07:08");
    assertThat(TimestampFormat.epochSeconds().format(1500)).isEqualTo("1.5");
  }

  @Test
  void wideEnoughFor_widensOnlyWhenATimeNeedsIt() {
    long day = 86_400_000L;
    assertThat(TimestampFormat.date().wideEnoughFor(new long[] {0, day}))
        .isEqualTo(TimestampFormat.date());
    assertThat(TimestampFormat.date().wideEnoughFor(new long[] {0, 3_600_000L}))
        .isEqualTo(TimestampFormat.dateTime());
    assertThat(TimestampFormat.isoUtc().wideEnoughFor(new long[] {5}))
        .isEqualTo(TimestampFormat.isoUtc('T', 3));
    assertThat(
            TimestampFormat.isoLocal(' ', TimestampFormat.MINUTES).wideEnoughFor(new long[] {1000}))
        .isEqualTo(TimestampFormat.dateTime());
  }

  @Test
  void pattern_describesTheStyle() {
    assertThat(TimestampFormat.dateTime().pattern()).isEqualTo("yyyy-MM-dd HH:mm:ss");
    assertThat(TimestampFormat.isoUtc().pattern()).isEqualTo("yyyy-MM-dd'T'HH:mm:ssZ");
    assertThat(TimestampFormat.epochMillis().pattern()).isEqualTo("epoch milliseconds");
  }

  @Test
  void timeSeries_remembersItsStyleThroughItsOperations() {
    TimeSeries s =
        TimeSeries.of("x", new long[] {1, 2}, new double[] {1, 2})
            .withTimestampFormat(TimestampFormat.date());
    assertThat(s.slice(0, 1).timestampFormat()).isEqualTo(TimestampFormat.date());
    assertThat(s.withName("y").timestampFormat()).isEqualTo(TimestampFormat.date());
    assertThat(TimeSeries.of("x", new long[] {1}, new double[] {1}).timestampFormat())
        .isEqualTo(TimestampFormat.isoUtc());
  }

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void format_inAZoneWithDaylightSavingTime_writesEachInstantWithItsOffset() {
    TimestampFormat f = TimestampFormat.isoZone('T', 0, BERLIN);
    // Europe/Berlin moves from +01:00 to +02:00 at 01:00Z on the last Sunday of March 2024
    assertThat(f.format(ms("2024-03-31T00:30:00Z"))).isEqualTo("2024-03-31T01:30:00+01:00");
    assertThat(f.format(ms("2024-03-31T01:00:00Z"))).isEqualTo("2024-03-31T03:00:00+02:00");
    assertThat(f.format(ms("2024-10-27T00:30:00Z"))).isEqualTo("2024-10-27T02:30:00+02:00");
    assertThat(f.format(ms("2024-10-27T01:30:00Z"))).isEqualTo("2024-10-27T02:30:00+01:00");
    assertThat(f.offsetAt(ms("2024-07-01T00:00:00Z"))).isEqualTo(ZoneOffset.ofHours(2));
    assertThat(f.pattern()).isEqualTo("yyyy-MM-dd'T'HH:mm:ss+HH:mm (Europe/Berlin)");
    assertThat(f.shape()).isEqualTo("yyyy-MM-dd'T'HH:mm:ss+HH:mm");
  }

  @Test
  void inZone_givesIsoDateTimesTheZonesOffsetsAndLeavesDatesAndEpochsAlone() {
    assertThat(TimestampFormat.dateTime().inZone(BERLIN))
        .isEqualTo(TimestampFormat.isoZone(' ', 0, BERLIN));
    assertThat(TimestampFormat.isoOffset('T', 0, ZoneOffset.ofHours(1)).inZone(ZoneOffset.UTC))
        .isEqualTo(TimestampFormat.isoUtc());
    assertThat(TimestampFormat.isoUtc().inZone(ZoneId.of("UTC")))
        .isEqualTo(TimestampFormat.isoUtc());
    assertThat(TimestampFormat.date().inZone(BERLIN)).isEqualTo(TimestampFormat.date());
    assertThat(TimestampFormat.epochSeconds().inZone(BERLIN))
        .isEqualTo(TimestampFormat.epochSeconds());
    assertThat(TimestampFormat.isoUtc().inZone(BERLIN).zone()).isEqualTo(BERLIN);
  }

  @Test
  void format_localMidnightsAcrossADaylightSavingChange_keepMidnight() {
    TimestampFormat f = TimestampFormat.isoZone('T', TimestampFormat.MINUTES, BERLIN);
    long[] midnights = {ms("2024-03-30T23:00:00Z"), ms("2024-03-31T22:00:00Z")};
    assertThat(f.wideEnoughFor(midnights)).isEqualTo(f);
    assertThat(f.format(midnights[1])).isEqualTo("2024-04-01T00:00+02:00");
  }
}
