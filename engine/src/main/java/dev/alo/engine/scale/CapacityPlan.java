package dev.alo.engine.scale;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.Forecast;
import java.util.ArrayList;
import java.util.List;

/**
 * A load forecast turned into servers per period: for each period (an hour, or one forecast step
 * when steps are longer), the most load the forecast and its interval's upper bound reach in it,
 * and the servers that keep that upper bound at the target utilisation — the rule the {@code
 * predictive} policy schedules capacity by. Pure.
 */
public final class CapacityPlan {
  /** The period of a plan's rows when the forecast's steps are shorter. */
  public static final long PERIOD_MILLIS = 3_600_000;

  private CapacityPlan() {}

  /**
   * One row of a plan.
   *
   * @param startMillis the period's start, epoch milliseconds
   * @param expected the highest point forecast in the period
   * @param upper the highest upper bound of the forecast interval in the period
   * @param expectedServers servers for the point forecast at the target utilisation
   * @param servers servers for the upper bound at the target utilisation: the plan
   */
  public record Row(
      long startMillis, double expected, double upper, int expectedServers, int servers) {}

  /**
   * The plan of a forecast.
   *
   * @param forecast load per step (the unit of {@code capacity})
   * @param stepMillis the forecast's step
   * @param capacity the load one server carries at 100 %, above 0
   * @param targetPercent the utilisation planned for, in (0, 100]
   * @param minServers the fewest servers a row asks for, at least 0
   * @throws InputException for a capacity, target or minimum out of range
   */
  public static List<Row> of(
      Forecast forecast, long stepMillis, double capacity, double targetPercent, int minServers) {
    if (!(capacity > 0) || Double.isInfinite(capacity)) {
      throw new InputException("capacity: " + capacity + " (expected: a load above 0)");
    }
    if (!(targetPercent > 0 && targetPercent <= 100)) {
      throw new InputException("target: " + targetPercent + " (expected: above 0, at most 100)");
    }
    if (minServers < 0) {
      throw new InputException("min servers: " + minServers + " (expected: >= 0)");
    }
    long[] t = forecast.times();
    double[] mean = forecast.mean();
    double[] upper = forecast.upper();
    double perServer = capacity * targetPercent / 100;
    long period = Math.max(stepMillis, PERIOD_MILLIS);
    List<Row> rows = new ArrayList<>();
    int i = 0;
    while (i < t.length) {
      long start = stepMillis >= PERIOD_MILLIS ? t[i] : Math.floorDiv(t[i], period) * period;
      double m = Double.NEGATIVE_INFINITY;
      double u = Double.NEGATIVE_INFINITY;
      do {
        m = Math.max(m, mean[i]);
        u = Math.max(u, upper[i]);
        i++;
      } while (i < t.length && stepMillis < PERIOD_MILLIS && t[i] < start + period);
      rows.add(
          new Row(
              start, m, u, servers(m, perServer, minServers), servers(u, perServer, minServers)));
    }
    return rows;
  }

  /** ceil(load / perServer), at least {@code min}; a negative load needs none. */
  static int servers(double load, double perServer, int min) {
    double c = Math.ceil(Math.max(0, load) / perServer - 1e-9);
    return (int) Math.max(min, Math.min(Integer.MAX_VALUE, c));
  }
}
