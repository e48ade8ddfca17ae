package dev.alo.engine.forecast;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link Forecaster} predicts for the steps after a history: times, point forecasts, the
 * interval at {@link #level()}, named components (trend, each seasonality) where the model has
 * them, the model actually used and notes about choices made (such as a simpler model for a short
 * series). Arrays are copied on the way out.
 */
public final class Forecast {
  private final long[] times;
  private final double[] mean;
  private final double[] lower;
  private final double[] upper;
  private final double level;
  private final Map<String, double[]> components;
  private final String model;
  private final List<String> notes;

  Forecast(
      long[] times,
      double[] mean,
      double[] lower,
      double[] upper,
      double level,
      Map<String, double[]> components,
      String model,
      List<String> notes) {
    this.times = times;
    this.mean = mean;
    this.lower = lower;
    this.upper = upper;
    this.level = level;
    this.components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    this.model = model;
    this.notes = List.copyOf(notes);
  }

  /** The number of future steps. */
  public int horizon() {
    return mean.length;
  }

  /** Future times, epoch milliseconds. */
  public long[] times() {
    return times.clone();
  }

  /** Point forecasts. */
  public double[] mean() {
    return mean.clone();
  }

  /** Lower bounds of the interval at {@link #level()}. */
  public double[] lower() {
    return lower.clone();
  }

  /** Upper bounds of the interval at {@link #level()}. */
  public double[] upper() {
    return upper.clone();
  }

  /** The interval's nominal coverage, for example 0.8. */
  public double level() {
    return level;
  }

  /** Names of the components, in model order (for example {@code trend}, {@code seasonal24}). */
  public Set<String> componentNames() {
    return components.keySet();
  }

  /** The future values of one named component, or an empty array when the model has none. */
  public double[] component(String name) {
    double[] c = components.get(name);
    return c == null ? new double[0] : c.clone();
  }

  /** The model that made this forecast, for example {@code ets(A,Ad,N)} or {@code auto[...]}. */
  public String model() {
    return model;
  }

  /** Notes about choices made for this series, in order; empty when nothing is worth saying. */
  public List<String> notes() {
    return notes;
  }
}
