package dev.alo.engine.sim;

/** Exact results of queueing theory, to check the simulator against. */
final class Queueing {
  private Queueing() {}

  /** Mean sojourn time of M/M/c with arrival rate lambda and per-worker service rate mu. */
  static double mmcMeanResponse(int c, double lambda, double mu) {
    double a = lambda / mu;
    double rho = a / c;
    if (rho >= 1) {
      throw new IllegalArgumentException("unstable: rho = " + rho);
    }
    double term = 1;
    double sum = 0;
    for (int k = 0; k < c; k++) {
      sum += term;
      term *= a / (k + 1);
    }
    double tail = term / (1 - rho);
    double pWait = tail / (sum + tail);
    return pWait / (c * mu - lambda) + 1 / mu;
  }
}
