package dev.alo.bench;

import dev.alo.engine.forecast.prophet.FittedProphet;
import dev.alo.engine.forecast.prophet.ProphetForecast;
import dev.alo.engine.forecast.prophet.ProphetModel;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Prints how closely ALO's Prophet reproduces R prophet's own output (bench/reference): per column,
 * the mean absolute difference and the mean absolute relative difference over every row (history
 * and forecast).
 */
public final class ProphetAgreement {
  private ProphetAgreement() {}

  /** Runs both references; args are ignored. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println(
        "reference,column,rows,mean_abs_diff,mean_abs_rel_diff,mad_over_mean_abs_ref,fit_seconds");
    report(out, "example_wp_log_peyton_manning.csv", "prophet_r_peyton_manning.csv");
    report(out, "example_yosemite_temps.csv", "prophet_r_yosemite_temps.csv");
  }

  static void report(PrintStream out, String input, String reference) {
    BenchData.Csv in = BenchData.read(BenchData.root().resolve("datasets/prophet/" + input));
    BenchData.Csv ref = BenchData.read(BenchData.root().resolve("bench/reference/" + reference));
    long t0 = System.nanoTime();
    FittedProphet fit = ProphetModel.withDefaults().fit(in.times(), in.column("y"));
    ProphetForecast f = fit.predict(ref.times());
    double seconds = (System.nanoTime() - t0) / 1e9;
    for (String c : ref.columns().keySet()) {
      double[] mine =
          switch (c) {
            case "yhat" -> f.yhat();
            case "yhat_lower" -> f.yhatLower();
            case "yhat_upper" -> f.yhatUpper();
            case "trend" -> f.trend();
            default -> f.component(c).orElseThrow();
          };
      double[] theirs = ref.column(c);
      double abs = 0;
      double rel = 0;
      double level = 0;
      for (int i = 0; i < mine.length; i++) {
        level += Math.abs(theirs[i]);
        abs += Math.abs(mine[i] - theirs[i]);
        rel += Math.abs(mine[i] - theirs[i]) / Math.abs(theirs[i]);
      }
      out.printf(
          Locale.ROOT,
          "%s,%s,%d,%.6f,%.6f,%.6f,%.3f%n",
          reference,
          c,
          mine.length,
          abs / mine.length,
          rel / mine.length,
          abs / level,
          seconds);
    }
  }
}
