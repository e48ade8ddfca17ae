package dev.alo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.alo.engine.series.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PartsTest {

  @Property
  void eventHeap_popsInTimeOrder(
      @ForAll @Size(max = 200) List<@DoubleRange(min = 0, max = 1000) Double> times) {
    EventHeap heap = new EventHeap(2);
    for (int i = 0; i < times.size(); i++) {
      heap.push(times.get(i), i);
    }
    List<Double> popped = new ArrayList<>();
    while (!heap.isEmpty()) {
      assertThat(times.get(heap.peekPayload())).isEqualTo(heap.peekTime());
      popped.add(heap.peekTime());
      heap.pop();
    }
    assertThat(popped).isSorted().hasSameSizeAs(times);
  }

  @Test
  void intRing_growsAndKeepsFifoOrder() {
    IntRing ring = new IntRing();
    int next = 0;
    for (int i = 0; i < 10; i++) {
      ring.add(i);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(ring.poll()).isEqualTo(next++);
    }
    for (int i = 10; i < 100; i++) {
      ring.add(i);
    }
    assertThat(ring.get(0)).isEqualTo(5);
    while (!ring.isEmpty()) {
      assertThat(ring.poll()).isEqualTo(next++);
    }
    assertThat(next).isEqualTo(100);
  }

  @Test
  void normalQuantile_knownValues() {
    assertThat(NormalQuantile.of(0.5)).isCloseTo(0, within(1e-9));
    assertThat(NormalQuantile.of(0.975)).isCloseTo(1.959963985, within(1e-8));
    assertThat(NormalQuantile.of(0.001)).isCloseTo(-3.090232306, within(1e-8));
    assertThat(NormalQuantile.of(0.9999)).isCloseTo(3.719016485, within(1e-8));
  }

  @Test
  void rng_sameSeedSameStream_otherStreamDiffers() {
    assertThat(Rng.stream(1, 1).nextLong()).isEqualTo(Rng.stream(1, 1).nextLong());
    assertThat(Rng.stream(1, 1).nextLong()).isNotEqualTo(Rng.stream(1, 2).nextLong());
    Rng r = new Rng(5);
    double sum = 0;
    for (int i = 0; i < 100_000; i++) {
      double u = r.nextOpenDouble();
      assertThat(u).isGreaterThan(0).isLessThan(1);
      sum += r.nextExponential();
    }
    assertThat(sum / 100_000).isCloseTo(1, within(0.02));
  }

  @Test
  void serviceTime_meansAreAsConfigured() {
    Rng r = new Rng(9);
    for (ServiceTime st :
        List.of(
            ServiceTime.exponential(2),
            ServiceTime.deterministic(2),
            ServiceTime.logNormal(2, 1.0))) {
      double sum = 0;
      for (int i = 0; i < 200_000; i++) {
        sum += st.sample(r.nextOpenDouble());
      }
      assertThat(sum / 200_000).as(st.name()).isCloseTo(2, within(0.03));
    }
  }

  @Test
  void seriesArrivals_followTheCountsPerRow() {
    // Rows of 60 s holding 1000, 0 and 3000 requests; 60 trace seconds per simulated second.
    TimeSeries counts =
        TimeSeries.regular("load", 0, 60_000, new double[] {1000, Double.NaN, 3000});
    Arrivals arrivals = Arrivals.fromCounts(counts, 60);
    assertThat(arrivals.end()).isEqualTo(3);
    Arrivals.Stream s = arrivals.open(new Rng(3));
    int[] perRow = new int[3];
    for (double t = s.next(); t != Double.POSITIVE_INFINITY; t = s.next()) {
      perRow[(int) t]++;
    }
    assertThat(perRow[0]).isBetween(1000 - 130, 1000 + 130);
    assertThat(perRow[1]).isZero();
    assertThat(perRow[2]).isBetween(3000 - 220, 3000 + 220);
  }

  @Test
  void seriesArrivals_negativeCount_isRejectedWithTheRow() {
    TimeSeries counts = TimeSeries.regular("load", 0, 1000, new double[] {5, -1, 2});
    assertThatThrownBy(() -> Arrivals.fromCounts(counts, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 2")
        .hasMessageContaining("-1");
  }

  @Test
  void loadDistribution_equalLoads_fairnessOne_oneHotServer_fairnessOneOverN() {
    LoadDistribution even = LoadDistribution.of(new double[] {3, 3, 3, 3});
    assertThat(even.jainFairness()).isEqualTo(1);
    assertThat(even.stdDev()).isZero();
    LoadDistribution hot = LoadDistribution.of(new double[] {8, 0, 0, 0});
    assertThat(hot.jainFairness()).isCloseTo(0.25, within(1e-12));
    assertThat(hot.imbalance()).isEqualTo(8);
    assertThat(hot.mean()).isEqualTo(2);
    assertThat(hot.stdDev()).isCloseTo(Math.sqrt(12), within(1e-12));
  }

  @Test
  void config_withoutAnEnd_isRejected() {
    assertThatThrownBy(
            () ->
                SimulationConfig.builder(
                        List.of(ServerSpec.of(1, 1, ServiceTime.exponential(1))),
                        Arrivals.poisson(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never ends");
  }
}
