package dev.alo.engine.series;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GapFillTest {
  static final double N = Double.NaN;
  static final long[] T = {0, 1, 2, 3, 4, 5};
  static final double[] V = {N, 1, N, N, 4, N};

  @Test
  void none_keepsGaps() {
    assertThat(GapFill.NONE.fill(T, V)).containsExactly(N, 1, N, N, 4, N);
  }

  @Test
  void ffill_carriesForwardAndBackFillsTheStart() {
    assertThat(GapFill.FFILL.fill(T, V)).containsExactly(1, 1, 1, 1, 4, 4);
  }

  @Test
  void linear_interpolatesInTimeAndHoldsTheEnds() {
    assertThat(GapFill.LINEAR.fill(T, V)).containsExactly(1, 1, 2, 3, 4, 4);
    assertThat(GapFill.LINEAR.fill(new long[] {0, 1, 4}, new double[] {0, N, 8}))
        .containsExactly(0, 2, 8);
  }

  @Test
  void fill_allGaps_staysAllGaps() {
    assertThat(GapFill.FFILL.fill(new long[] {0, 1}, new double[] {N, N})).containsExactly(N, N);
  }

  @Test
  void fill_doesNotChangeItsInput() {
    double[] v = V.clone();
    GapFill.LINEAR.fill(T, v);
    assertThat(v).containsExactly(V);
  }

  @Test
  void parse_unknown_listsTheModes() {
    assertThat(GapFill.parse("ffill")).isEqualTo(GapFill.FFILL);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GapFill.parse("bfill"))
        .hasMessageContaining("'bfill'")
        .hasMessageContaining("none, ffill, linear");
  }
}
