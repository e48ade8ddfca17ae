package dev.alo.engine.forecast;

import dev.alo.engine.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rolling-origin evaluation as Prophet's {@code cross_validation}: the last origin leaves exactly
 * one horizon after it, earlier origins step back by {@code period} while at least {@code initial}
 * values remain for training.
 */
public final class Backtest {
  private Backtest() {}

  /** One origin: train on values [0, trainEnd), forecast [trainEnd, trainEnd + horizon). */
  public record Split(int trainEnd, int horizon) {}

  /** The scores of one origin. */
  public record Fold(
      Split split, double mae, double rmse, double smape, double mase, double coverage) {}

  /**
   * The origins for a series of n values, earliest first.
   *
   * @throws InputException when a size is not positive or not even one origin fits
   */
  public static List<Split> rollingOrigin(int n, int initial, int period, int horizon) {
    if (initial < 2 || period < 1 || horizon < 1) {
      throw new InputException(
          "backtest: initial "
              + initial
              + ", period "
              + period
              + ", horizon "
              + horizon
              + " (expected: initial >= 2, period >= 1, horizon >= 1)");
    }
    List<Split> out = new ArrayList<>();
    for (int end = n - horizon; end >= initial; end -= period) {
      out.add(new Split(end, horizon));
    }
    if (out.isEmpty()) {
      throw new InputException(
          "backtest: "
              + n
              + " values leave no origin with "
              + initial
              + " training values and "
              + horizon
              + " to forecast (expected: at least "
              + (initial + horizon)
              + " values)");
    }
    return out.reversed();
  }

  /**
   * Scores a forecaster at every origin; MASE is scaled by the training part's seasonal naive MAE
   * with lag {@code m} (lag 1 when the training part is too short for m).
   */
  public static List<Fold> run(
      Forecaster forecaster, RegularSeries series, List<Split> splits, int m, double level) {
    List<Fold> folds = new ArrayList<>();
    double[] y = series.unsafeValues();
    for (Split s : splits) {
      double[] train = Arrays.copyOf(y, s.trainEnd());
      double[] actual = Arrays.copyOfRange(y, s.trainEnd(), s.trainEnd() + s.horizon());
      Forecast f = forecaster.forecast(series.head(s.trainEnd()), s.horizon(), level);
      double[] mean = f.mean();
      int lag = train.length > m ? m : 1;
      folds.add(
          new Fold(
              s,
              Metrics.mae(actual, mean),
              Metrics.rmse(actual, mean),
              Metrics.smape(actual, mean),
              Metrics.mase(actual, mean, train, lag),
              Metrics.coverage(actual, f.lower(), f.upper())));
    }
    return folds;
  }
}
