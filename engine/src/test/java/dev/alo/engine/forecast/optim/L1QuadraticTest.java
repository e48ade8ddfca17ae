package dev.alo.engine.forecast.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class L1QuadraticTest {

  @Test
  void minimize_diagonalProblem_givesSoftThresholdedSolution() {
    double[] q = {2, 0, 0, 0, 4, 0, 0, 0, 1};
    double[] b = {3, -0.5, -5};
    double[] l1 = {1, 1, 1};
    double[] x = new double[3];
    assertThat(L1Quadratic.minimize(q, b, l1, x)).isTrue();
    assertThat(x[0]).isCloseTo((3 - 1) / 2.0, within(1e-14));
    assertThat(x[1]).isEqualTo(0.0);
    assertThat(x[2]).isCloseTo(-4.0, within(1e-14));
  }

  @Property(tries = 60)
  void minimize_randomCollinearProblems_meetOptimalityConditions(
      @ForAll @IntRange(min = 2, max = 30) int n, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    // Q = Z'Z for nearly collinear columns (like changepoint ramps) plus a small ridge
    int rows = 3 * n;
    double[] q = new double[n * n];
    double[][] z = new double[rows][n];
    for (int r = 0; r < rows; r++) {
      double t = r / (double) rows;
      for (int c = 0; c < n; c++) {
        double knot = c / (double) n;
        z[r][c] = Math.max(0, t - knot) + 1e-3 * random.nextGaussian();
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int r = 0; r < rows; r++) {
          s += z[r][i] * z[r][j];
        }
        q[i * n + j] = s + (i == j ? 1e-6 : 0);
      }
    }
    double[] b = new double[n];
    double[] l1 = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = random.nextGaussian() * 3;
      l1[i] = i == 0 ? 0 : random.nextDouble(0, 2);
    }
    double[] x = new double[n];
    assertThat(L1Quadratic.minimize(q, b, l1, x)).isTrue();
    double scale = 1;
    for (int i = 0; i < n; i++) {
      scale = Math.max(scale, Math.max(Math.abs(b[i]), l1[i]));
    }
    for (int i = 0; i < n; i++) {
      double g = -b[i];
      for (int j = 0; j < n; j++) {
        g += q[i * n + j] * x[j];
      }
      if (x[i] != 0 || l1[i] == 0) {
        assertThat(g + l1[i] * Math.signum(x[i])).isCloseTo(0.0, within(1e-8 * scale));
      } else {
        assertThat(Math.abs(g)).isLessThanOrEqualTo(l1[i] + 1e-8 * scale);
      }
    }
  }
}
