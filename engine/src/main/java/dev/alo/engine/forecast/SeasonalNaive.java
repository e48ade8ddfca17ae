package dev.alo.engine.forecast;

/**
 * Seasonal naive: each future step repeats the value one season earlier (the shortest period; plain
 * naive when the series is shorter than a season). Intervals as R's {@code snaive}: the standard
 * deviation of the seasonal differences times the square root of the number of seasons ahead.
 */
final class SeasonalNaive implements Model {
  @Override
  public String name() {
    return "snaive";
  }

  @Override
  public Prediction predict(double[] y, int horizon, double level, double[] periods) {
    int m = periods.length == 0 ? 1 : (int) Math.round(periods[0]);
    String note = null;
    if (m > 1 && y.length <= m) {
      note = "series too short for seasonal period " + m + " (" + y.length + " values): used naive";
      m = 1;
    }
    Prediction p = forecast(y, horizon, level, m);
    if (note != null) {
      p.note(note);
    }
    return p;
  }

  static Prediction forecast(double[] y, int horizon, double level, int m) {
    int n = y.length;
    double big = 0;
    for (int t = m; t < n; t++) {
      big = Math.max(big, Math.abs(y[t] - y[t - m]));
    }
    double ss = 0;
    int k = 0;
    for (int t = m; t < n; t++) {
      double d = big > 0 ? (y[t] - y[t - m]) / big : 0; // scaled: no overflow on huge values
      ss += d * d;
      k++;
    }
    double sigma = k > 1 ? big * Math.sqrt(ss / (k - 1)) : 0;
    double[] mean = new double[horizon];
    double[] sd = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      mean[h] = y[n - m + h % m];
      sd[h] = sigma * Math.sqrt(h / m + 1);
    }
    return Prediction.normal(m > 1 ? "snaive(" + m + ")" : "naive", mean, sd, level);
  }
}
