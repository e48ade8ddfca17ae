package dev.alo.engine.series;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutlierClippingTest {

  @Test
  void quartiles_interpolateLinearlyLikeNumpy() {
    // numpy.percentile([1, 2, 3, 4], [25, 75]) == [1.75, 3.25]
    OutlierClipping.Fences f = OutlierClipping.fences(new double[] {4, 1, 3, 2}, 1.5).orElseThrow();
    assertThat(f.q1()).isEqualTo(1.75);
    assertThat(f.q3()).isEqualTo(3.25);
    assertThat(f.lower()).isEqualTo(1.75 - 2.25);
    assertThat(f.upper()).isEqualTo(3.25 + 2.25);
  }

  @Test
  void clip_movesOutliersOntoTheFencesAndKeepsGaps() {
    double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 100, Double.NaN, -50};
    // with -50 and NaN: sorted non-gap values are -50,1,...,8,100 (n = 10):
    // Q1 at 2.25 = 2.25, Q3 at 6.75 = 6.75, IQR 4.5, fences -4.5 and 13.5
    double[] clipped = OutlierClipping.clip(v, 1.5);
    assertThat(clipped[8]).isEqualTo(13.5);
    assertThat(clipped[10]).isEqualTo(-4.5);
    assertThat(clipped[9]).isNaN();
    assertThat(clipped[0]).isEqualTo(1);
    assertThat(OutlierClipping.countOutliers(v, 1.5)).isEqualTo(2);
  }

  @Test
  void clip_factorIsConfigurable() {
    // Q1 = 3, Q3 = 7, IQR = 4
    double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 100};
    assertThat(OutlierClipping.clip(v, 1.5)[8]).isEqualTo(13);
    assertThat(OutlierClipping.clip(v, 3)[8]).isEqualTo(19);
    assertThat(OutlierClipping.clip(v, 30)[8]).isEqualTo(100);
  }

  @Test
  void clip_noValues_changesNothing() {
    assertThat(OutlierClipping.clip(new double[] {Double.NaN}, 1.5)).containsExactly(Double.NaN);
    assertThat(OutlierClipping.countOutliers(new double[0], 1.5)).isZero();
  }
}
