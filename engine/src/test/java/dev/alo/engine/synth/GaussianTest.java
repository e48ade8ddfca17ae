package dev.alo.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianTest {

  @Test
  void next_manyDraws_haveMeanZeroUnitVarianceAndNormalTails() {
    Gaussian g = new Gaussian(new SplittableRandom(1));
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    int beyond2 = 0;
    for (int i = 0; i < n; i++) {
      double z = g.next();
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
  void next_sameSeed_sameSequence() {
    Gaussian a = new Gaussian(new SplittableRandom(9));
    Gaussian b = new Gaussian(new SplittableRandom(9));
    for (int i = 0; i < 1000; i++) {
      assertThat(a.next()).isEqualTo(b.next());
    }
  }

  @Test
  void uniformInt_staysInItsBoundsAndReachesBoth() {
    Gaussian g = new Gaussian(new SplittableRandom(5));
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
}
