package dev.alo.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parse_everyUnit_givesTheDuration() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void parse_unknownUnitOrNoNumber_namesTheTextAndTheForms() {
    for (String bad : new String[] {"", "h", "5", "5w", "-1h", "1.5h", "1 h"}) {
      assertThatThrownBy(() -> Durations.parse(bad))
          .isInstanceOf(InputException.class)
          .hasMessageContaining("'" + bad + "'")
          .hasMessageContaining("500ms, 30s, 5m, 1h, 2d");
    }
  }

  @Test
  void format_usesTheLargestExactUnit() {
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("2d");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
  }

  @Property
  void format_thenParse_roundTrips(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long ms) {
    Duration d = Duration.ofMillis(ms);
    assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
  }
}
