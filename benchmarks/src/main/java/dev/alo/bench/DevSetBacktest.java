package dev.alo.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.csv.CsvOptions;
import dev.alo.engine.csv.CsvReader;
import dev.alo.engine.forecast.Forecaster;
import dev.alo.engine.forecast.ProtocolV1;
import dev.alo.engine.forecast.RegularSeries;
import dev.alo.engine.series.SeriesTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Protocol v1 on the dev set (NAB CSVs) for ALO's models, printed beside R's reference rows. Usage:
 * {@code DevSetBacktest SHARED_DIR [MODEL,...]}. Series are read with the engine's {@link
 * CsvReader} and bucketed by {@link ProtocolV1#hourly}.
 */
public final class DevSetBacktest {
  private static final List<String> R_METHODS =
      List.of("snaive24", "ets24", "stlf_24_168", "autoarima24", "prophet");

  private DevSetBacktest() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    List<String> models =
        List.of((args.length > 1 ? args[1] : "snaive,ets,mstl,theta,arima,auto").split(","));
    List<Path> files;
    try (Stream<Path> s = Files.list(root.resolve("datasets/nab"))) {
      files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
    Map<String, Map<String, double[]>> ref =
        readAnchors(root.resolve("bench/anchors-dev-hourly.csv"));
    Map<String, RegularSeries> series = new LinkedHashMap<>();
    for (Path f : files) {
      series.put(f.getFileName().toString().replace(".csv", ""), load(f));
    }
    Map<String, List<ProtocolV1.SeriesResult>> results = new LinkedHashMap<>();
    for (String model : models) {
      Forecaster fc = Forecaster.byName(model);
      // warm-up so that seconds reflect a warm JVM
      for (RegularSeries s : series.values()) {
        fc.forecast(s.head(s.size() - 72), 24, 0.8);
      }
      List<ProtocolV1.SeriesResult> rs = new ArrayList<>();
      for (Map.Entry<String, RegularSeries> e : series.entrySet()) {
        rs.add(ProtocolV1.evaluate(e.getKey(), fc, e.getValue(), System::nanoTime));
      }
      results.put(model, rs);
    }
    System.out.println("per series (mean over origins k=3,2,1): sMAPE / MASE / coverage80");
    System.out.printf(
        Locale.ROOT,
        "%-38s %-14s %8s %7s %6s %8s%n",
        "series",
        "method",
        "sMAPE",
        "MASE",
        "cov80",
        "sec/fit");
    for (String name : series.keySet()) {
      for (String model : models) {
        ProtocolV1.SeriesResult r =
            results.getOrDefault(model, List.of()).stream()
                .filter(x -> x.series().equals(name))
                .findFirst()
                .orElseThrow();
        System.out.printf(
            Locale.ROOT,
            "%-38s %-14s %8.2f %7.3f %6.2f %8.4f%n",
            name,
            "alo:" + model,
            r.smape(),
            r.mase(),
            r.coverage80(),
            r.seconds());
      }
      Map<String, double[]> rr = ref.getOrDefault(name, Map.of());
      for (String method : R_METHODS) {
        double[] v = rr.get(method);
        if (v != null) {
          System.out.printf(
              Locale.ROOT,
              "%-38s %-14s %8.2f %7.3f %6.2f %8.4f%n",
              name,
              "R:" + method,
              v[0] / v[4],
              v[1] / v[4],
              v[2] / v[4],
              v[3] / v[4]);
        }
      }
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-16s %6s %8s %7s %7s %6s %9s%n",
        "method",
        "series",
        "sMAPE",
        "MASE",
        "gmMASE",
        "cov80",
        "sec/fit");
    for (String model : models) {
      ProtocolV1.Summary s = ProtocolV1.summarize(results.getOrDefault(model, List.of()));
      System.out.printf(
          Locale.ROOT,
          "%-16s %6d %8.2f %7.3f %7.3f %6.2f %9.4f%n",
          "alo:" + model,
          s.series(),
          s.smape(),
          s.mase(),
          s.gmMase(),
          s.coverage80(),
          s.seconds());
    }
    for (String method : R_METHODS) {
      double lg = 0;
      double mase = 0;
      double smape = 0;
      double cov = 0;
      double sec = 0;
      int k = 0;
      for (String name : series.keySet()) {
        double[] v = ref.getOrDefault(name, Map.of()).get(method);
        if (v == null) {
          continue;
        }
        lg += Math.log(v[1] / v[4]);
        mase += v[1] / v[4];
        smape += v[0] / v[4];
        cov += v[2] / v[4];
        sec += v[3] / v[4];
        k++;
      }
      if (k > 0) {
        System.out.printf(
            Locale.ROOT,
            "%-16s %6d %8.2f %7.3f %7.3f %6.2f %9.4f%n",
            "R:" + method,
            k,
            smape / k,
            mase / k,
            Math.exp(lg / k),
            cov / k,
            sec / k);
      }
    }
    if (results.containsKey("auto")) {
      int better = 0;
      for (ProtocolV1.SeriesResult r : results.getOrDefault("auto", List.of())) {
        double[] v = ref.getOrDefault(r.series(), Map.of()).get("prophet");
        if (v != null && r.mase() < v[1] / v[4]) {
          better++;
        }
      }
      System.out.println();
      System.out.println(
          "auto beats R prophet (MASE) on " + better + " of " + series.size() + " series");
    }
  }

  /** The hourly series (protocol v1) of a time-series CSV's first value column. */
  static RegularSeries load(Path file) {
    SeriesTable table = CsvReader.read(file, CsvOptions.defaults()).table();
    return ProtocolV1.hourly(table.times(), table.values(0));
  }

  /** series → method → sums of [smape, mase, coverage80, seconds, count]. */
  static Map<String, Map<String, double[]>> readAnchors(Path csv) throws IOException {
    Map<String, Map<String, double[]>> out = new TreeMap<>();
    List<String> lines = Files.readAllLines(csv, UTF_8);
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).replace("\"", "").split(",", -1);
      double[] acc =
          out.computeIfAbsent(f[0], k -> new TreeMap<>()).computeIfAbsent(f[1], k -> new double[5]);
      acc[0] += Double.parseDouble(f[4]);
      acc[1] += Double.parseDouble(f[5]);
      acc[2] += Double.parseDouble(f[6]);
      acc[3] += Double.parseDouble(f[7]);
      acc[4] += 1;
    }
    return out;
  }
}
