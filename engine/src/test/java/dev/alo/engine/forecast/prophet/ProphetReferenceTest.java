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

  static ProphetForecast run(String input, String reference) throws IOException {
    Path dir = ReferenceData.shared();
    ReferenceData.Table in = ReferenceData.read(dir.resolve("datasets/prophet/" + input));
    ReferenceData.Table ref = ReferenceData.read(dir.resolve("bench/reference/" + reference));
    FittedProphet fit = ProphetModel.withDefaults().fit(in.ds(), in.column("y"));
    ProphetForecast f = fit.predict(ref.ds());
    System.out.println(
        reference
            + " iterations "
            + fit.parameters().iterations()
            + " sigma "
            + fit.parameters().sigmaObs());
    for (String c : ref.columns().keySet()) {
      double[] mine =
          switch (c) {
            case "yhat" -> f.yhat();
            case "yhat_lower" -> f.yhatLower();
            case "yhat_upper" -> f.yhatUpper();
            case "trend" -> f.trend();
            default -> f.component(c).orElseThrow();
          };
      System.out.printf(
          "%s %s mad=%.6f mard=%.6f%n",
          reference, c, meanAbsDiff(mine, ref.column(c)), meanAbsRelDiff(mine, ref.column(c)));
    }
    return f;
  }

  @Test
  void peytonManning() throws IOException {
    ProphetForecast f = run("example_wp_log_peyton_manning.csv", "prophet_r_peyton_manning.csv");
    assertThat(f.size()).isEqualTo(3270);
  }

  @Test
  void yosemite() throws IOException {
    ProphetForecast f = run("example_yosemite_temps.csv", "prophet_r_yosemite_temps.csv");
    assertThat(f.size()).isEqualTo(19009);
  }
}
