package dev.alo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import dev.alo.engine.series.TimeSeries;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

class SeriesPreparationTest {
  static final long HOUR = 3_600_000L;
  static final long START = 1_700_000_000_000L / HOUR * HOUR;

  @Property
  void horizonSteps_parsesAnyCountAndIgnoresTheStep(
      @ForAll @IntRange(min = 1, max = Horizon.MAX_STEPS) int n,
      @ForAll @IntRange(min = 1, max = 100_000_000) int stepMillis) {
    List<String> notes = new ArrayList<>();
    assertThat(Horizon.parse(Integer.toString(n)).stepsFor(stepMillis, notes)).isEqualTo(n);
    assertThat(notes).isEmpty();
  }

  @Property
  void horizonDuration_roundsUpToWholeStepsWithANoteWhenInexact(
      @ForAll @IntRange(min = 1, max = 10_000) int minutes,
      @ForAll @IntRange(min = 1, max = 120) int stepMinutes) {
    List<String> notes = new ArrayList<>();
    int steps = Horizon.parse(minutes + "m").stepsFor(stepMinutes * 60_000L, notes);
    assertThat(steps).isEqualTo((minutes + stepMinutes - 1) / stepMinutes);
    assertThat(notes).hasSize(minutes % stepMinutes == 0 ? 0 : 1);
  }

  @Test
  void horizon_badValues_areUsageErrors() {
    for (String bad : List.of("0", "-3", "abc", "0h", "2000000", "")) {
      assertThatThrownBy(() -> Horizon.parse(bad)).isInstanceOf(UsageException.class);
    }
  }

  @Property
  void onGrid_missingSteps_becomeNaNOnTheOriginalGrid(
      @ForAll @Size(max = 30) @UniqueElements List<@IntRange(min = 1, max = 98) Integer> dropped) {
    Set<Integer> drop = Set.copyOf(dropped);
    List<Long> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      if (!drop.contains(i)) {
        times.add(START + i * HOUR);
        values.add((double) i);
      }
    }
    TimeSeries s =
        TimeSeries.of(
            "s",
            times.stream().mapToLong(Long::longValue).toArray(),
            values.stream().mapToDouble(Double::doubleValue).toArray());
    List<String> changes = new ArrayList<>();
    TimeSeries g = SeriesPreparation.onGrid(s, changes);
    assertThat(g.size()).isEqualTo(100);
    for (int i = 0; i < 100; i++) {
      assertThat(g.timeAt(i)).isEqualTo(START + i * HOUR);
      if (drop.contains(i)) {
        assertThat(g.valueAt(i)).isNaN();
      } else {
        assertThat(g.valueAt(i)).isEqualTo(i);
      }
    }
    assertThat(changes).isEmpty(); // aligned: only gaps, said by the fill note
  }

  @Test
  void onGrid_irregularTimes_bucketMeansWithANote() {
    long[] t = {
      START, START + HOUR, START + 2 * HOUR + 600_000, START + 3 * HOUR, START + 4 * HOUR
    };
    TimeSeries s = TimeSeries.of("s", t, new double[] {1, 2, 3, 4, 5});
    List<String> changes = new ArrayList<>();
    TimeSeries g = SeriesPreparation.onGrid(s, changes);
    assertThat(g.times())
        .containsExactly(START, START + HOUR, START + 2 * HOUR, START + 3 * HOUR, START + 4 * HOUR);
    assertThat(g.values()).containsExactly(1, 2, 3, 4, 5);
    assertThat(changes)
        .containsExactly("irregular timestamps put on the inferred 1h grid (mean per step)");
  }

  @Test
  void prepare_tooFewValues_failsNamingTheCount() {
    TimeSeries one =
        TimeSeries.of("s", new long[] {START, START + HOUR}, new double[] {Double.NaN, 3});
    assertThatThrownBy(() -> SeriesPreparation.prepare(one, ForecastCommand.FORECAST_DEFAULTS))
        .isInstanceOf(InputException.class)
        .hasMessage("1 value(s) (expected: at least 2 to forecast)");
  }

  @Test
  void isMonthly_sameDayOfMonthOnly() {
    long jan = java.time.Instant.parse("2024-01-15T00:00:00Z").toEpochMilli();
    long feb = java.time.Instant.parse("2024-02-15T00:00:00Z").toEpochMilli();
    long apr = java.time.Instant.parse("2024-04-15T00:00:00Z").toEpochMilli();
    assertThat(SeriesPreparation.isMonthly(new long[] {jan, feb, apr}, ZoneOffset.UTC)).isTrue();
    assertThat(SeriesPreparation.isMonthly(new long[] {jan, jan + HOUR}, ZoneOffset.UTC)).isFalse();
  }

  @Test
  void monthStep_quarterlyAndYearlyTimes_giveTheirMonthCount() {
    long[] quarters = new long[5];
    long[] years = new long[3];
    for (int i = 0; i < 5; i++) {
      quarters[i] =
          java.time.Instant.parse("2020-02-01T00:00:00Z")
              .atZone(java.time.ZoneOffset.UTC)
              .plusMonths(3L * i + (i == 4 ? 3 : 0))
              .toInstant()
              .toEpochMilli();
    }
    for (int i = 0; i < 3; i++) {
      years[i] =
          java.time.Instant.parse("2020-01-01T00:00:00Z")
              .atZone(java.time.ZoneOffset.UTC)
              .plusYears(i)
              .toInstant()
              .toEpochMilli();
    }
    assertThat(SeriesPreparation.monthStep(quarters, ZoneOffset.UTC)).isEqualTo(3);
    assertThat(SeriesPreparation.monthStep(years, ZoneOffset.UTC)).isEqualTo(12);
  }
}
