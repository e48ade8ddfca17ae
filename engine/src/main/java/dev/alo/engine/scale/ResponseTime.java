package dev.alo.engine.scale;

/**
 * Response times of M/M/c queues (c servers, one worker each, Poisson arrivals, exponential
 * service, first come first served) by Erlang C: the response time is the service time plus, with
 * the probability C of waiting, an exponential wait at rate cμ − λ.
 */
final class ResponseTime {
  private ResponseTime() {}

  /**
   * Erlang C: the probability that an arrival waits, for {@code c} servers offered {@code a}
   * erlangs (a < c), by the Erlang B recursion.
   */
  static double erlangC(int c, double a) {
    double b = 1;
    for (int k = 1; k <= c; k++) {
      b = a * b / (k + a * b);
    }
    double rho = a / c;
    return b / (1 - rho * (1 - b));
  }

  /**
   * P(response > t) for one queue, in units of the mean service time (μ = 1).
   *
   * @param waitProbability Erlang C
   * @param theta the wait's rate in service rates, c − a
   */
  static double tail(double t, double waitProbability, double theta) {
    return tail(t, Math.exp(-t), waitProbability, theta);
  }

  /** As {@link #tail(double, double, double)} with e^−t given. */
  private static double tail(double t, double service, double waitProbability, double theta) {
    double both;
    if (Math.abs(theta - 1) < 1e-9) {
      both = service * (1 + t);
    } else {
      both = (theta * service - Math.exp(-theta * t)) / (theta - 1);
    }
    return (1 - waitProbability) * service + waitProbability * both;
  }

  /**
   * The {@code p}-quantile of the response time over several queues, each weighted by its arrival
   * rate, in units of the mean service time: the t where the weighted share of responses above t is
   * 1 − p. Infinite when the unstable queues (a ≥ c) alone hold more than that share; 0 without
   * arrivals.
   *
   * @param load offered erlangs per queue
   * @param servers servers per queue
   */
  static double quantile(double[] load, int[] servers, int count, double p) {
    double[] wait = new double[count];
    double[] theta = new double[count];
    double total = 0;
    double unstable = 0;
    for (int i = 0; i < count; i++) {
      double a = load[i];
      total += a;
      if (a >= servers[i]) {
        unstable += a;
      } else if (a > 0) {
        wait[i] = erlangC(servers[i], a);
        theta[i] = servers[i] - a;
      }
    }
    double share = (1 - p) * total;
    if (total == 0) {
      return 0;
    }
    if (unstable >= share) {
      return Double.POSITIVE_INFINITY;
    }
    double goal = share - unstable;
    double lo = 0;
    double hi = 1;
    while (above(hi, load, servers, wait, theta, count) > goal) {
      lo = hi;
      hi *= 2;
    }
    while (hi - lo > 1e-4 * hi) {
      double mid = (lo + hi) / 2;
      if (above(mid, load, servers, wait, theta, count) > goal) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** The rate-weighted responses above t of the stable queues. */
  private static double above(
      double t, double[] load, int[] servers, double[] wait, double[] theta, int count) {
    double sum = 0;
    double service = Math.exp(-t);
    for (int i = 0; i < count; i++) {
      double a = load[i];
      if (a > 0 && a < servers[i]) {
        sum += a * tail(t, service, wait[i], theta[i]);
      }
    }
    return sum;
  }
}
