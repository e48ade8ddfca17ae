package dev.alo.engine.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LatencyEwmaTest {
  private static final long TAU = 10_000;

  @Test
  void value_beforeAnySample_isZeroAndUnsampled() {
    LatencyEwma ewma = new LatencyEwma(TAU);
    assertThat(ewma.sampled()).isFalse();
    assertThat(ewma.value(5)).isZero();
  }

  @Test
  void observe_peak_replacesTheEstimateAtOnce() {
    LatencyEwma ewma = new LatencyEwma(TAU);
    ewma.observe(0, 100);
    ewma.observe(1, 5_000);
    assertThat(ewma.value(1)).isEqualTo(5_000);
  }

  @Test
  void value_afterTime_decaysTowardsZero() {
    LatencyEwma ewma = new LatencyEwma(TAU);
    ewma.observe(0, 1_000);
    assertThat(ewma.value(0)).isEqualTo(1_000);
    assertThat(ewma.value(TAU)).isCloseTo(1_000 * Math.exp(-1), within(1e-9));
    assertThat(ewma.value(-5)).isEqualTo(1_000); // an earlier clock does not grow it
  }

  @Test
  void observe_lowerSample_isBlendedByTheTimeSinceTheLastSample() {
    LatencyEwma ewma = new LatencyEwma(TAU);
    ewma.observe(0, 1_000);
    ewma.observe(TAU, 200);
    double w = Math.exp(-1);
    assertThat(ewma.value(TAU)).isCloseTo(1_000 * w + 200 * (1 - w), within(1e-9));
  }

  @Test
  void backend_requestFinished_feedsItsEstimate() {
    Backend backend = Backend.of("a", 1, TAU);
    backend.requestStarted();
    assertThat(backend.hasLatencySample()).isFalse();
    backend.requestFinished(0, 700);
    assertThat(backend.inFlight()).isZero();
    assertThat(backend.hasLatencySample()).isTrue();
    assertThat(backend.latencyEwmaNanos(0)).isEqualTo(700);
  }

  /**
   * The shortcuts in {@code lower} (equal stamps, an exponent whose sign settles the comparison)
   * give exactly the full formula's answer, near-ties included.
   */
  @Property(tries = 2_000)
  void lower_anySamplesAndFactors_equalsTheFullFormula(
      @ForAll @IntRange(min = 1, max = 5_000) int latencyA,
      @ForAll @IntRange(min = 1, max = 5_000) int latencyB,
      @ForAll @IntRange(min = 0, max = 60) int stampA,
      @ForAll @IntRange(min = 0, max = 60) int stampB,
      @ForAll @IntRange(min = 1, max = 9) int ka,
      @ForAll @IntRange(min = 1, max = 9) int kb) {
    long tau = 10_000L;
    LatencyEwma a = new LatencyEwma(tau);
    LatencyEwma b = new LatencyEwma(tau);
    long ta = stampA * 1_000L;
    long tb = stampB * 1_000L;
    a.observe(ta, latencyA);
    b.observe(tb, latencyB);
    boolean full =
        (double) latencyA * ka < (double) latencyB * kb * Math.exp((tb - ta) / (double) tau);
    assertThat(LatencyEwma.lower(a, ka, b, kb, () -> 100_000L)).isEqualTo(full);
  }
}
