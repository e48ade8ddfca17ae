package dev.alo.bench;

import dev.alo.engine.forecast.Backtest;
import dev.alo.engine.forecast.Forecaster;
import dev.alo.engine.forecast.RegularSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A sanity check outside the dev set: hourly means of each CSV, five rolling origins 24 hours apart
 * with horizon 48 (as M4 Hourly), MASE with m = 24. Usage: {@code HoldoutCheck MODELS CSV...}.
 */
public final class HoldoutCheck {
  private HoldoutCheck() {}

  public static void main(String[] args) throws IOException {
    List<String> models = List.of(args[0].split(","));
    System.out.printf(
        Locale.ROOT, "%-34s %-8s %7s %7s %7s%n", "series", "model", "MASE", "sMAPE", "cov80");
    for (int a = 1; a < args.length; a++) {
      RegularSeries s = DevSetBacktest.load(Path.of(args[a]));
      List<Backtest.Split> splits =
          Backtest.rollingOrigin(s.size(), s.size() - 48 - 4 * 24, 24, 48);
      for (String model : models) {
        List<Backtest.Fold> folds = Backtest.run(Forecaster.byName(model), s, splits, 24, 0.8);
        System.out.printf(
            Locale.ROOT,
            "%-34s %-8s %7.3f %7.2f %7.2f%n",
            Path.of(args[a]).getFileName(),
            model,
            folds.stream().mapToDouble(Backtest.Fold::mase).average().orElseThrow(),
            folds.stream().mapToDouble(Backtest.Fold::smape).average().orElseThrow(),
            folds.stream().mapToDouble(Backtest.Fold::coverage).average().orElseThrow());
      }
    }
  }
}
