package dev.alo.engine.forecast;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.prophet.FittedProphet;
import dev.alo.engine.forecast.prophet.ProphetForecast;
import dev.alo.engine.forecast.prophet.ProphetModel;
import dev.alo.engine.forecast.prophet.ProphetOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ProphetModel} as a {@link Forecaster}: fits the history at its real instants and predicts
 * the steps after it. The requested level becomes Prophet's interval width (the options' own width
 * is ignored); the components are the trend, each enabled seasonality ({@code yearly}, {@code
 * weekly}, {@code daily}) and the holidays' sum ({@code holidays}) when there are holidays.
 * Seasonal and holiday components are in y units in additive mode and relative to the trend in
 * multiplicative mode, as in Prophet.
 */
public final class ProphetForecaster implements Forecaster {
  private static final List<String> SEASONALITIES = List.of("yearly", "weekly", "daily");

  private final ProphetOptions options;

  private ProphetForecaster(ProphetOptions options) {
    this.options = options;
  }

  /** Prophet with these options (growth, cap, floor, mode, holidays, priors, seed...). */
  public static ProphetForecaster of(ProphetOptions options) {
    return new ProphetForecaster(options);
  }

  /** Prophet with its default options. */
  public static ProphetForecaster withDefaults() {
    return new ProphetForecaster(ProphetOptions.defaults());
  }

  /** The options every fit uses (except the interval width, which follows the level). */
  public ProphetOptions options() {
    return options;
  }

  @Override
  public String name() {
    return "prophet";
  }

  @Override
  public Forecast forecast(RegularSeries history, int horizon, double level) {
    return forecast(history, history.unsafeValues(), horizon, level);
  }

  /**
   * Forecasts as {@link #forecast(RegularSeries, int, double)}, fitting only the observed values:
   * as Prophet drops rows without a value, a NaN in {@code observed} leaves that step of the
   * history out of the fit (for example a gap that was filled to make the series regular).
   *
   * @param observed the history's values with NaN where no value was observed (same length)
   * @throws InputException when fewer than 2 values are observed, or as the other method
   */
  public Forecast forecastObserved(
      RegularSeries history, double[] observed, int horizon, double level) {
    if (observed.length != history.size()) {
      throw new InputException(
          "observed values: "
              + observed.length
              + " (expected one per history step: "
              + history.size()
              + ")");
    }
    return forecast(history, observed.clone(), horizon, level);
  }

  private Forecast forecast(RegularSeries history, double[] y, int horizon, double level) {
    int n = history.size();
    CheckedForecaster.checkArguments(n, horizon, level);
    long[] past = new long[n];
    for (int i = 0; i < n; i++) {
      past[i] = history.timeAt(i);
    }
    long[] future = new long[horizon];
    for (int h = 0; h < horizon; h++) {
      future[h] = history.timeAt(n + h);
    }
    double[] present = Arrays.stream(y).filter(v -> !Double.isNaN(v)).toArray();
    if (present.length < 2) {
      throw new InputException(
          "history has " + present.length + " observed value(s) (expected: at least 2)");
    }
    List<String> notes = new ArrayList<>();
    if (Stats.isConstant(present)) {
      double[] flat = new double[horizon];
      Arrays.fill(flat, present[0]);
      notes.add("constant series: flat forecast");
      return new Forecast(
          future, flat, flat.clone(), flat.clone(), level, Map.of(), "constant", notes);
    }
    ProphetModel model = ProphetModel.of(options.toBuilder().intervalWidth(level).build());
    FittedProphet fitted = model.fit(past, y);
    ProphetForecast p = fitted.predict(future);
    Map<String, double[]> components = new LinkedHashMap<>();
    components.put("trend", p.trend());
    for (String s : SEASONALITIES) {
      p.component(s).ifPresent(c -> components.put(s, c));
    }
    p.component("holidays").ifPresent(c -> components.put("holidays", c));
    double[] lower = p.yhatLower();
    double[] upper = p.yhatUpper();
    if (!p.hasInterval()) {
      lower = p.yhat().clone();
      upper = p.yhat().clone();
      notes.add("no uncertainty samples: the interval is the point forecast");
    }
    String seasonal = String.join(",", fitted.seasonalities());
    return new Forecast(
        future,
        p.yhat(),
        lower,
        upper,
        level,
        components,
        "prophet("
            + options.growth().name().toLowerCase(java.util.Locale.ROOT)
            + ")"
            + (seasonal.isEmpty() ? "" : "[" + seasonal + "]"),
        notes);
  }
}
