package dev.alo.engine.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CalendarFeaturesTest {

  @Test
  void features_matchTheCalendarInUtc() {
    CalendarFeatures f =
        CalendarFeatures.of(
            new long[] {
              Instant.parse("2024-01-06T13:00:00Z").toEpochMilli(), // Saturday
              Instant.parse("2024-01-08T00:59:59Z").toEpochMilli(), // Monday
              Instant.parse("1969-12-31T23:00:00Z").toEpochMilli() // Wednesday
            });
    assertThat(f.size()).isEqualTo(3);
    assertThat(f.hourAt(0)).isEqualTo(13);
    assertThat(f.dayOfWeekAt(0)).isEqualTo(6);
    assertThat(f.isWeekendAt(0)).isTrue();
    assertThat(f.hourAt(1)).isZero();
    assertThat(f.dayOfWeekAt(1)).isEqualTo(1);
    assertThat(f.isWeekendAt(1)).isFalse();
    assertThat(f.hourAt(2)).isEqualTo(23);
    assertThat(f.dayOfWeekAt(2)).isEqualTo(3);
  }
}
