package dev.alo.engine.forecast.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LbfgsTest {

  private static double rosenbrock(double[] x, double[] g) {
    double a = 1 - x[0];
    double b = x[1] - x[0] * x[0];
    g[0] = -2 * a - 400 * x[0] * b;
    g[1] = 200 * b;
    return a * a + 100 * b * b;
  }

  @Test
  void minimize_rosenbrockFromClassicStart_reachesOneOne() {
    OptimumResult r = Lbfgs.tight().minimize(LbfgsTest::rosenbrock, new double[] {-1.2, 1.0});
    assertThat(r.converged()).isTrue();
    assertThat(r.point()[0]).isCloseTo(1.0, within(1e-7));
    assertThat(r.point()[1]).isCloseTo(1.0, within(1e-7));
    assertThat(r.value()).isLessThan(1e-14);
  }

  /** Random well-conditioned SPD matrix A (row-major) of size n. */
  static double[] spd(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] m = new double[n * n];
    for (int i = 0; i < n * n; i++) {
      m[i] = random.nextDouble(-1, 1);
    }
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int k = 0; k < n; k++) {
          s += m[k * n + i] * m[k * n + j];
        }
        a[i * n + j] = s + (i == j ? 0.5 : 0);
      }
    }
    return a;
  }

  static DifferentiableFunction quadratic(double[] a, double[] b) {
    int n = b.length;
    return (x, g) -> {
      double v = 0;
      for (int i = 0; i < n; i++) {
        double ax = 0;
        for (int j = 0; j < n; j++) {
          ax += a[i * n + j] * x[j];
        }
        g[i] = ax - b[i];
        v += x[i] * (0.5 * ax - b[i]);
      }
      return v;
    };
  }

  @Test
  void minimize_quadratic_solvesTheLinearSystem() {
    int n = 12;
    double[] a = spd(n, 7);
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      b[i] = i - 5.5;
    }
    OptimumResult r = Lbfgs.tight().minimize(quadratic(a, b), new double[n]);
    // residual A x - b must vanish
    for (int i = 0; i < n; i++) {
      double ax = 0;
      for (int j = 0; j < n; j++) {
        ax += a[i * n + j] * r.point()[j];
      }
      assertThat(ax - b[i]).isCloseTo(0.0, within(1e-7));
    }
  }

  @Test
  void minimize_withL1Weights_agreesWithExactL1QuadraticAndHitsExactZeros() {
    int n = 10;
    double[] a = spd(n, 11);
    double[] b = new double[n];
    double[] l1 = new double[n];
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < n; i++) {
      b[i] = random.nextDouble(-3, 3);
      l1[i] = i < 2 ? 0 : 1.5;
    }
    OptimumResult r = Lbfgs.tight().minimize(quadratic(a, b), new double[n], l1);
    double[] exact = new double[n];
    assertThat(L1Quadratic.minimize(a, b, l1, exact)).isTrue();
    int zeros = 0;
    for (int i = 0; i < n; i++) {
      assertThat(r.point()[i]).isCloseTo(exact[i], within(1e-6));
      if (exact[i] == 0) {
        zeros++;
        assertThat(r.point()[i]).isEqualTo(0.0);
      }
    }
    assertThat(zeros).isPositive();
  }
}
