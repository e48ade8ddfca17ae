package dev.alo.engine.forecast;

import dev.alo.engine.InputException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Validates the request, handles constant histories, keeps forecasts of never-negative histories
 * (request counts, utilisation, latency) at or above zero, and attaches times to a model's output.
 */
final class CheckedForecaster implements Forecaster {
  private final Model model;

  CheckedForecaster(Model model) {
    this.model = model;
  }

  @Override
  public String name() {
    return model.name();
  }

  @Override
  public Forecast forecast(RegularSeries history, int horizon, double level) {
    int n = history.size();
    checkArguments(n, horizon, level);
    double[] y = history.unsafeValues();
    Prediction p;
    if (Stats.isConstant(y)) {
      double[] flat = new double[horizon];
      Arrays.fill(flat, y[0]);
      p = new Prediction("constant", flat, flat.clone(), flat.clone());
      p.note("constant series: flat forecast");
    } else {
      double[] periods = Periods.forHistory(history.stepMillis(), n);
      p = model.predict(y.clone(), horizon, level, periods);
      if (!p.isFinite()) {
        // never hand out NaN or infinity: fall back to the simplest sound model, and say so
        Prediction sn = new SeasonalNaive().predict(y.clone(), horizon, level, periods);
        sn.notes.add(0, p.model + " gave non-finite values: used " + sn.model);
        p = sn;
      }
      double[] implied = Periods.forStep(history.stepMillis());
      double[] leftOut =
          periods.length < implied.length
              ? Arrays.copyOfRange(implied, periods.length, implied.length)
              : new double[0];
      List<String> notes = ShortHistoryNotes.condense(List.copyOf(p.notes), leftOut, n);
      p.notes.clear();
      p.notes.addAll(notes);
    }
    if (Stats.min(y) >= 0) {
      clampAtZero(p.mean);
      clampAtZero(p.lower);
      clampAtZero(p.upper);
    }
    long[] times = new long[horizon];
    for (int h = 0; h < horizon; h++) {
      times[h] = history.timeAt(n + h);
    }
    for (Map.Entry<String, double[]> c : p.components.entrySet()) {
      if (c.getValue().length != horizon) {
        throw new IllegalStateException("component " + c.getKey() + " has the wrong length");
      }
    }
    return new Forecast(times, p.mean, p.lower, p.upper, level, p.components, p.model, p.notes);
  }

  private static void clampAtZero(double[] v) {
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.max(0, v[i]);
    }
  }

  /**
   * Rejects what no model can forecast: fewer than 2 history values, a horizon below 1 step, an
   * interval level outside (0, 1).
   *
   * @throws InputException naming the bad value and the expected range
   */
  static void checkArguments(int n, int horizon, double level) {
    if (n < 2) {
      throw new InputException("history has " + n + " value(s) (expected: at least 2 to forecast)");
    }
    if (horizon < 1) {
      throw new InputException("horizon: " + horizon + " steps (expected: at least 1)");
    }
    if (!(level > 0 && level < 1)) {
      throw new InputException("interval level: " + level + " (expected: between 0 and 1)");
    }
  }
}
