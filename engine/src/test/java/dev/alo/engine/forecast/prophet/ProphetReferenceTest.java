package dev.alo.engine.forecast.prophet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProphetReferenceTest {

  static double meanAbsDiff(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] - b[i]);
    }
    return s / a.length;
  }

  static double meanAbsRelDiff(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] - b[i]) / Math.abs(b[i]);
    }
    return s / a.length;
  }

  /** Mean absolute difference per reference column, and yhat's mean absolute relative one. */
  static java.util.Map<String, Double> run(String input, String reference) throws IOException {
    Path dir = ReferenceData.root();
    ReferenceData.Table in = ReferenceData.read(dir.resolve("datasets/prophet/" + input));
    ReferenceData.Table ref = ReferenceData.read(dir.resolve("bench/reference/" + reference));
    FittedProphet fit = ProphetModel.withDefaults().fit(in.ds(), in.column("y"));
    ProphetForecast f = fit.predict(ref.ds());
    java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (String c : ref.columns().keySet()) {
      double[] mine =
          switch (c) {
            case "yhat" -> f.yhat();
            case "yhat_lower" -> f.yhatLower();
            case "yhat_upper" -> f.yhatUpper();
            case "trend" -> f.trend();
            default -> f.component(c).orElseThrow();
          };
      out.put(c, meanAbsDiff(mine, ref.column(c)));
      if (c.equals("yhat")) {
        out.put("yhat_rel", meanAbsRelDiff(mine, ref.column(c)));
      }
    }
    assertThat(f.size()).isEqualTo(ref.ds().length);
    return out;
  }

  @Test
  void peytonManning_matchesRProphetWithinTargets() throws IOException {
    var d = run("example_wp_log_peyton_manning.csv", "prophet_r_peyton_manning.csv");
    // targets: yhat within 0.5% mean relative difference; components within 0.02
    assertThat(d.get("yhat_rel")).isLessThan(0.005);
    assertThat(d.get("trend")).isLessThan(0.02);
    assertThat(d.get("weekly")).isLessThan(0.02);
    assertThat(d.get("yearly")).isLessThan(0.02);
    // intervals are Monte Carlo in R: only require them close (measured 0.023)
    assertThat(d.get("yhat_lower")).isLessThan(0.05);
    assertThat(d.get("yhat_upper")).isLessThan(0.05);
  }

  @Test
  void yosemite_matchesRProphetClosely() throws IOException {
    var d = run("example_yosemite_temps.csv", "prophet_r_yosemite_temps.csv");
    // temperatures span about -5..45 degrees; measured: yhat 0.074, trend 0.077, weekly 0.045,
    // daily 0.0002, bounds 0.21 (R's Stan stopped short of the MAP here; see ProphetAgreement)
    assertThat(d.get("yhat")).isLessThan(0.15);
    assertThat(d.get("trend")).isLessThan(0.15);
    assertThat(d.get("weekly")).isLessThan(0.1);
    assertThat(d.get("daily")).isLessThan(0.02);
    assertThat(d.get("yhat_lower")).isLessThan(0.4);
    assertThat(d.get("yhat_upper")).isLessThan(0.4);
  }
}
