package dev.alo.engine.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
}
