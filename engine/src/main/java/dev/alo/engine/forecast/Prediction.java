package dev.alo.engine.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A model's raw output before it gets times: mutable while a model builds it. */
final class Prediction {
  final double[] mean;
  final double[] lower;
  final double[] upper;
  final Map<String, double[]> components = new LinkedHashMap<>();
  final List<String> notes = new ArrayList<>();
  String model;

  /** The ETS form behind this prediction (ETS itself, or MSTL's adjusted series), if any. */
  Ets.@Nullable Spec etsSpec;

  /** The ARIMA order behind this prediction, if any. */
  Arima.@Nullable Order arimaOrder;

  Prediction(String model, double[] mean, double[] lower, double[] upper) {
    this.model = model;
    this.mean = mean;
    this.lower = lower;
    this.upper = upper;
  }

  /** Point forecasts with a symmetric interval of half-width {@code z * sd[h]}. */
  static Prediction normal(String model, double[] mean, double[] sd, double level) {
    double z = Stats.normalQuantile(0.5 + level / 2);
    double[] lo = new double[mean.length];
    double[] hi = new double[mean.length];
    for (int i = 0; i < mean.length; i++) {
      lo[i] = mean[i] - z * sd[i];
      hi[i] = mean[i] + z * sd[i];
    }
    return new Prediction(model, mean, lo, hi);
  }

  /** True when every point forecast and bound is a finite number. */
  boolean isFinite() {
    for (int i = 0; i < mean.length; i++) {
      if (!Double.isFinite(mean[i]) || !Double.isFinite(lower[i]) || !Double.isFinite(upper[i])) {
        return false;
      }
    }
    return true;
  }

  Prediction note(String text) {
    notes.add(text);
    return this;
  }
}
