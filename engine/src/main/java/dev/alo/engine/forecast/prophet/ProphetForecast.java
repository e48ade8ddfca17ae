package dev.alo.engine.forecast.prophet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prophet's prediction at the requested instants, column by column as in Prophet's output data
 * frame. Arrays are copies owned by this value.
 *
 * @param epochMillis the instants predicted
 * @param yhat point forecast: trend * (1 + multiplicative_terms) + additive_terms
 * @param yhatLower lower interval bound (NaN everywhere when uncertainty samples are 0)
 * @param yhatUpper upper interval bound (NaN everywhere when uncertainty samples are 0)
 * @param trend the trend component
 * @param components each enabled seasonality (yearly, weekly, daily), each holiday by name,
 *     "holidays" (their sum, when there are holidays), "additive_terms" and "multiplicative_terms",
 *     in that order; additive ones in y units, multiplicative ones relative to the trend
 */
@SuppressWarnings("ArrayRecordComponent") // plain numeric results, read-only by contract
public record ProphetForecast(
    long[] epochMillis,
    double[] yhat,
    double[] yhatLower,
    double[] yhatUpper,
    double[] trend,
    Map<String, double[]> components) {

  /** Copies the component map, keeping its order. */
  public ProphetForecast {
    components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  /** A component by name (e.g. "weekly"), if the model has it. */
  public Optional<double[]> component(String name) {
    return Optional.ofNullable(components.get(name));
  }

  /** Whether the interval bounds were simulated (uncertainty samples &gt; 0). */
  public boolean hasInterval() {
    return yhatLower.length == 0 || !Double.isNaN(yhatLower[0]);
  }

  /** Number of instants. */
  public int size() {
    return epochMillis.length;
  }
}
