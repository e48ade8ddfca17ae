package dev.alo.engine.sim;

/**
 * How evenly a quantity is spread over servers: min, max, mean, population standard deviation,
 * imbalance (max − min) and Jain's fairness index (Σx)² ÷ (n·Σx²), which is 1 when all are equal
 * and 1/n when one server has everything.
 */
public record LoadDistribution(
    double min, double max, double mean, double stdDev, double imbalance, double jainFairness) {

  /** The spread of {@code values} (one per server; at least one). */
  public static LoadDistribution of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("load distribution of no servers");
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    double sumSq = 0;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
      sumSq += v * v;
    }
    int n = values.length;
    double mean = sum / n;
    double var = Math.max(0, sumSq / n - mean * mean);
    double jain = sumSq == 0 ? 1 : sum * sum / (n * sumSq);
    return new LoadDistribution(min, max, mean, Math.sqrt(var), max - min, jain);
  }
}
