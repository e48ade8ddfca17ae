package dev.alo.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SeededRandomTest {

  @Test
  void gaussian_manyDraws_haveMeanZeroUnitVarianceAndNormalTails() {
    SeededRandom g = new SeededRandom(1);
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    int beyond2 = 0;
    for (int i = 0; i < n; i++) {
      double z = g.gaussian();
      sum += z;
      sumSq += z * z;
      if (Math.abs(z) > 2) {
        beyond2++;
      }
    }
    assertThat(sum / n).isCloseTo(0, within(0.01));
    assertThat(sumSq / n).isCloseTo(1, within(0.015));
    assertThat(beyond2 / (double) n).isCloseTo(0.0455, within(0.003));
  }

  @Test
  void gaussian_seed42_givesThePinnedSequenceOnEveryJdk() {
    SeededRandom g = new SeededRandom(42);
    assertThat(g.gaussian()).isEqualTo(0x1.f8c80e851c08cp-2);
    assertThat(g.gaussian()).isEqualTo(-0.6940056672160174);
    assertThat(g.gaussian()).isEqualTo(-0x1.47f4af60c7f94p0);
    assertThat(g.gaussian()).isEqualTo(-0.901557193497174);
  }

  @Test
  void otherDraws_seed42_giveThePinnedValues() {
    SeededRandom r = new SeededRandom(42);
    assertThat(r.laplace(2)).isEqualTo(1.319926835368139);
    assertThat(r.exponential(3)).isEqualTo(5.499424995453205);
    assertThat(r.poisson(7.5)).isEqualTo(6);
    assertThat(r.poisson(1234.5)).isEqualTo(1204);
    assertThat(r.uniformInt(0, 9)).isEqualTo(2);
  }

  @Property(tries = 50)
  void everyDraw_sameSeed_sameSequence(@ForAll long seed) {
    SeededRandom a = new SeededRandom(seed);
    SeededRandom b = new SeededRandom(seed);
    for (int i = 0; i < 100; i++) {
      assertThat(a.gaussian()).isEqualTo(b.gaussian());
      assertThat(a.laplace(1.5)).isEqualTo(b.laplace(1.5));
      assertThat(a.poisson(3.2)).isEqualTo(b.poisson(3.2));
      assertThat(a.exponential(2)).isEqualTo(b.exponential(2));
      assertThat(a.uniform()).isEqualTo(b.uniform());
    }
  }

  @Test
  void split_sameOrder_sameStreamsButDifferentFromEachOther() {
    SeededRandom a = new SeededRandom(7);
    SeededRandom b = new SeededRandom(7);
    SeededRandom a1 = a.split();
    SeededRandom a2 = a.split();
    SeededRandom b1 = b.split();
    double x = a1.uniform();
    assertThat(x).isEqualTo(b1.uniform());
    assertThat(a2.uniform()).isNotEqualTo(x);
  }

  @Test
  void uniformInt_staysInItsBoundsAndReachesBoth() {
    SeededRandom g = new SeededRandom(5);
    boolean low = false;
    boolean high = false;
    for (int i = 0; i < 1000; i++) {
      int v = g.uniformInt(3, 6);
      assertThat(v).isBetween(3, 6);
      low |= v == 3;
      high |= v == 6;
    }
    assertThat(low && high).isTrue();
  }

  @Test
  void uniform_range_staysInHalfOpenInterval() {
    SeededRandom g = new SeededRandom(3);
    for (int i = 0; i < 10_000; i++) {
      assertThat(g.uniform(-2, 5)).isGreaterThanOrEqualTo(-2).isLessThan(5);
    }
  }

  @Test
  void laplace_manyDraws_meanZeroAndMeanAbsoluteEqualsScale() {
    SeededRandom g = new SeededRandom(11);
    int n = 200_000;
    double sum = 0;
    double sumAbs = 0;
    for (int i = 0; i < n; i++) {
      double x = g.laplace(2);
      assertThat(x).isFinite();
      sum += x;
      sumAbs += Math.abs(x);
    }
    assertThat(sum / n).isCloseTo(0, within(0.02));
    assertThat(sumAbs / n).isCloseTo(2, within(0.02));
  }

  @Test
  void exponential_manyDraws_positiveWithTheMean() {
    SeededRandom g = new SeededRandom(12);
    int n = 200_000;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = g.exponential(3);
      assertThat(x).isPositive().isFinite();
      sum += x;
    }
    assertThat(sum / n).isCloseTo(3, within(0.03));
  }

  @Test
  void poisson_smallAndChunkedMeans_haveTheirMeanAndVariance() {
    for (double mean : new double[] {0.3, 4, 1200}) {
      SeededRandom g = new SeededRandom(13);
      int n = 20_000;
      double sum = 0;
      double sumSq = 0;
      for (int i = 0; i < n; i++) {
        int k = g.poisson(mean);
        sum += k;
        sumSq += (double) k * k;
      }
      double m = sum / n;
      double var = sumSq / n - m * m;
      assertThat(m).as("mean of Poisson(%s)", mean).isCloseTo(mean, within(0.05 * mean + 0.02));
      assertThat(var).as("variance of Poisson(%s)", mean).isCloseTo(mean, within(0.1 * mean));
    }
  }

  @Test
  void poisson_zeroMean_isZero() {
    assertThat(new SeededRandom(1).poisson(0)).isZero();
  }

  @Test
  void badParameters_areRejectedWithTheValue() {
    SeededRandom g = new SeededRandom(1);
    assertThatThrownBy(() -> g.poisson(-1)).hasMessageContaining("-1.0");
    assertThatThrownBy(() -> g.poisson(Double.NaN)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> g.laplace(0)).hasMessageContaining("laplace scale: 0.0");
    assertThatThrownBy(() -> g.exponential(-2)).hasMessageContaining("-2.0");
    assertThatThrownBy(() -> g.uniformInt(5, 4)).hasMessageContaining("high 4 < low 5");
  }
}
