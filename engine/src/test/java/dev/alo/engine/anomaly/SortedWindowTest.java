package dev.alo.engine.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SortedWindowTest {

  @Property(tries = 200)
  void quantile_equalsTheQuantileOfTheLastValues(
      @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
      @ForAll @IntRange(min = 1, max = 20) int capacity,
      @ForAll @DoubleRange(min = 0, max = 1) double q) {
    SortedWindow w = new SortedWindow(capacity);
    values.forEach(w::push);
    double[] last =
        values.subList(Math.max(0, values.size() - capacity), values.size()).stream()
            .mapToDouble(Double::doubleValue)
            .sorted()
            .toArray();
    assertThat(w.size()).isEqualTo(last.length);
    double pos = q * (last.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, last.length - 1);
    double expected = last[lo] + (pos - lo) * (last[hi] - last[lo]);
    assertThat(w.quantile(q)).isEqualTo(expected);
    assertThat(w.median()).isEqualTo(quantileHalf(last));
  }

  private static double quantileHalf(double[] sorted) {
    double pos = 0.5 * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  @Property(tries = 50)
  void push_manyDuplicates_keepsTheSortedMultiset(
      @ForAll @Size(min = 1, max = 100) List<@IntRange(min = 0, max = 3) Integer> values) {
    SortedWindow w = new SortedWindow(7);
    values.forEach(v -> w.push(v));
    double[] last =
        values.subList(Math.max(0, values.size() - 7), values.size()).stream()
            .mapToDouble(Integer::doubleValue)
            .toArray();
    Arrays.sort(last);
    assertThat(w.quantile(0)).isEqualTo(last[0]);
    assertThat(w.quantile(1)).isEqualTo(last[last.length - 1]);
  }
}
