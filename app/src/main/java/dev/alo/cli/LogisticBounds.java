package dev.alo.cli;

import dev.alo.engine.InputException;
import dev.alo.engine.csv.CsvWriter;

/**
 * The capacity and floor of Prophet's logistic growth, checked against each series: the trend
 * saturates towards them and never reaches them, so a cap at or below the data (or a floor at or
 * above it) fits nonsense, such as negative forecasts for a series of 500 to 1,300 capped at 100.
 *
 * @param floorGiven whether {@code --floor} was given; the default floor 0 lets a series touch it
 *     (counts with zeros), a given floor must lie below every value
 */
record LogisticBounds(double cap, double floor, boolean floorGiven) {
  /**
   * @param observed the series' observed values (NaN where none was)
   * @throws InputException naming the bound and the value of the series it does not clear
   */
  void check(double[] observed) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : observed) {
      if (!Double.isNaN(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return; // no value: the forecaster reports it
    }
    if (max >= cap) {
      throw new InputException(
          "--cap "
              + num(cap)
              + " is at or below the series' maximum "
              + num(max)
              + " (expected a capacity above every value of the series: logistic growth stays"
              + " below its cap)");
    }
    if (floorGiven ? min <= floor : min < floor) {
      throw new InputException(
          (floorGiven ? "--floor " : "the default --floor ")
              + num(floor)
              + " is "
              + (floorGiven ? "at or above" : "above")
              + " the series' minimum "
              + num(min)
              + " (expected a floor below every value of the series: logistic growth stays above"
              + " its floor)");
    }
  }

  private static String num(double v) {
    return CsvWriter.formatNumber(v);
  }
}
