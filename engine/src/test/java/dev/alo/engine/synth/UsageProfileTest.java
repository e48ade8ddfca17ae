package dev.alo.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageProfileTest {

  @Test
  void defaults_areTheDocumentedOnes() {
    UsageProfile p = UsageProfile.defaults();
    assertThat(p.start()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(p.days()).isEqualTo(90);
    assertThat(p.interval()).isEqualTo(Duration.ofHours(1));
    assertThat(p.seed()).isEqualTo(42);
    assertThat(p.points()).isEqualTo(2160);
    assertThat(p.anomalies()).isZero();
    assertThat(p.holidays()).isEmpty();
  }

  @Test
  void build_daysOutOfRange_namesTheValueAndTheRange() {
    for (int days : new int[] {0, -1, 3651}) {
      assertThatThrownBy(() -> UsageProfile.builder().days(days).build())
          .isInstanceOf(InputException.class)
          .hasMessage("days: " + days + " (expected 1 to 3650)");
    }
  }

  @Test
  void build_intervalNotPositiveOrFractionalOrLongerThanTheRange_isRejected() {
    for (Duration d :
        new Duration[] {
          Duration.ZERO, Duration.ofHours(-1), Duration.ofMillis(1500), Duration.ofDays(31)
        }) {
      assertThatThrownBy(() -> UsageProfile.builder().days(30).interval(d).build())
          .isInstanceOf(InputException.class)
          .hasMessageStartingWith("interval: ")
          .hasMessageContaining("at least 1 s and at most 30 days");
    }
  }

  @Test
  void build_tooManyPoints_saysHowManyAndTheLimit() {
    assertThatThrownBy(
            () -> UsageProfile.builder().days(3650).interval(Duration.ofSeconds(1)).build())
        .isInstanceOf(InputException.class)
        .hasMessageContaining("315360000 points")
        .hasMessageContaining("at most 10000000");
  }

  @Test
  void build_tooManyAnomalies_givesTheLimitForTheRange() {
    assertThat(UsageProfile.maxAnomalies(30, Duration.ofHours(1))).isEqualTo(120);
    assertThatThrownBy(() -> UsageProfile.builder().days(30).anomalies(121).build())
        .isInstanceOf(InputException.class)
        .hasMessage("anomalies: 121 (expected 0 to 120 for 30 days at 1h)");
    assertThat(UsageProfile.builder().days(30).anomalies(120).build().anomalies()).isEqualTo(120);
  }

  @Test
  void build_startWithFractionOfSecondOrBeforeTheEpoch_isRejected() {
    for (Instant s :
        new Instant[] {
          Instant.parse("2024-01-01T00:00:00.5Z"), Instant.parse("1969-12-31T00:00:00Z")
        }) {
      assertThatThrownBy(() -> UsageProfile.builder().start(s).build())
          .isInstanceOf(InputException.class)
          .hasMessageStartingWith("start: " + s);
    }
  }

  @Test
  void build_modelParameterOutOfRange_namesIt() {
    assertThatThrownBy(() -> UsageProfile.builder().noise(-0.1).build())
        .isInstanceOf(InputException.class)
        .hasMessage("noise: -0.1 (expected 0.0 to 0.5)");
    assertThatThrownBy(() -> UsageProfile.builder().trendPercentPer30Days(Double.NaN).build())
        .hasMessageStartingWith("trendPercentPer30Days: NaN");
    assertThatThrownBy(() -> UsageProfile.builder().capacityUsers(0).build())
        .hasMessageStartingWith("capacityUsers: 0.0");
  }

  @Test
  void build_holidays_sortedWithoutDuplicates() {
    LocalDate a = LocalDate.of(2024, 2, 1);
    LocalDate b = LocalDate.of(2024, 1, 1);
    UsageProfile p = UsageProfile.builder().holidays(List.of(a, b, a)).build();
    assertThat(p.holidays()).containsExactly(b, a);
    assertThat(p.toBuilder().build()).isEqualTo(p);
  }
}
