package dev.alo.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class QuantilesTest {

  @Test
  void of_matchesRQuantileType7() {
    // R: quantile(c(7, 1, 3, 10), c(0, .1, .25, .5, .9, 1)) -> 1.0 1.6 2.5 5.0 9.1 10.0
    double[] x = {7, 1, 3, 10};
    assertThat(Quantiles.of(x, 0)).isEqualTo(1);
    assertThat(Quantiles.of(x, 0.1)).isCloseTo(1.6, within(1e-12));
    assertThat(Quantiles.of(x, 0.25)).isEqualTo(2.5);
    assertThat(Quantiles.of(x, 0.5)).isEqualTo(5);
    assertThat(Quantiles.of(x, 0.9)).isCloseTo(9.1, within(1e-12));
    assertThat(Quantiles.of(x, 1)).isEqualTo(10);
    assertThat(x).containsExactly(7, 1, 3, 10);
  }

  @Test
  void ofSorted_prefixLength_ignoresTheRest() {
    double[] buffer = {1, 2, 4, 99, -5};
    assertThat(Quantiles.ofSorted(buffer, 3, 0.5)).isEqualTo(2);
    assertThat(Quantiles.ofSorted(buffer, 3, 1)).isEqualTo(4);
  }

  @Test
  void ofSorted_singleValue_isThatValueForEveryP() {
    assertThat(Quantiles.ofSorted(new double[] {3.5}, 0.0)).isEqualTo(3.5);
    assertThat(Quantiles.ofSorted(new double[] {3.5}, 0.77)).isEqualTo(3.5);
  }

  @Test
  void badArguments_areRejected() {
    assertThatThrownBy(() -> Quantiles.of(new double[0], 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 values");
    assertThatThrownBy(() -> Quantiles.ofSorted(new double[] {1, 2}, 1.5))
        .hasMessageContaining("probability: 1.5");
    assertThatThrownBy(() -> Quantiles.ofSorted(new double[] {1, 2}, Double.NaN))
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> Quantiles.ofSorted(new double[] {1, 2}, 3, 0.5))
        .hasMessageContaining("3 values");
  }

  @Property(tries = 200)
  void of_liesBetweenNeighbouringOrderStatisticsAndIsMonotoneInP(
      @ForAll @Size(min = 1, max = 40) int @IntRange(min = -1000, max = 1000) [] values,
      @ForAll @DoubleRange(min = 0, max = 1) double p,
      @ForAll @DoubleRange(min = 0, max = 1) double q) {
    double[] finite = Arrays.stream(values).asDoubleStream().toArray();
    double[] s = finite.clone();
    Arrays.sort(s);
    double h = (s.length - 1) * p;
    double value = Quantiles.of(finite, p);
    assertThat(value).isBetween(s[(int) Math.floor(h)], s[(int) Math.ceil(h)]);
    double lower = Math.min(p, q);
    double upper = Math.max(p, q);
    assertThat(Quantiles.of(finite, lower)).isLessThanOrEqualTo(Quantiles.of(finite, upper));
  }
}
