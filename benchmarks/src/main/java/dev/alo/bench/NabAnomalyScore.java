package dev.alo.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.anomaly.AnomalyDetector;
import dev.alo.engine.anomaly.Detection;
import dev.alo.engine.anomaly.ForecastDetectorOptions;
import dev.alo.engine.anomaly.LabelledWindow;
import dev.alo.engine.anomaly.WindowScore;
import dev.alo.engine.csv.CsvOptions;
import dev.alo.engine.csv.CsvReader;
import dev.alo.engine.series.TimeSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores the anomaly detectors against NAB's labelled windows on the dev set. Usage: {@code
 * NabAnomalyScore SHARED_DIR [LEVEL]}. Detections are counted as points: precision = detected
 * points inside a labelled window / all detected points; recall = windows with at least one
 * detected point / all windows. Totals sum the counts over files (micro average).
 */
public final class NabAnomalyScore {
  private static final DateTimeFormatter WINDOW_TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
  private static final Pattern FILE_ENTRY =
      Pattern.compile("\"([^\"]+\\.csv)\"\\s*:\\s*\\[(.*?)\\]\\s*\\]", Pattern.DOTALL);
  private static final Pattern PAIR =
      Pattern.compile("\\[\\s*\"([^\"]+)\"\\s*,\\s*\"([^\"]+)\"\\s*\\]");

  /** One day of 5-minute steps: the baseline's trailing window. */
  private static final int SIGMA_WINDOW = 288;

  private NabAnomalyScore() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    double level = args.length > 1 ? Double.parseDouble(args[1]) : 99;
    Path nab = root.resolve("datasets/nab");
    Map<String, List<LabelledWindow>> labels =
        parseWindows(Files.readString(nab.resolve("anomaly_windows.json"), UTF_8));
    List<AnomalyDetector> detectors =
        List.of(
            AnomalyDetector.forecastInterval(level),
            AnomalyDetector.isolationForest(level, 42),
            AnomalyDetector.rollingSigma(SIGMA_WINDOW, 3));
    ForecastDetectorOptions defaults = ForecastDetectorOptions.atLevel(level);
    AnomalyDetector bandOnly =
        AnomalyDetector.forecastInterval(
            new ForecastDetectorOptions(
                level, defaults.isolatedMinScore(), defaults.driftAllowance(), 0));
    WindowScore bandOnlyTotal = new WindowScore(0, 0, 0, 0);
    Map<String, WindowScore> totals = new LinkedHashMap<>();
    Map<String, Integer> wins = new LinkedHashMap<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    StringBuilder header =
        new StringBuilder(String.format(Locale.ROOT, "%-42s %6s %4s", "file", "points", "win"));
    for (AnomalyDetector d : detectors) {
      header.append(
          String.format(Locale.ROOT, " | %-8s %5s %5s %5s", d.name(), "det", "prec", "rec"));
      totals.put(d.name(), new WindowScore(0, 0, 0, 0));
      wins.put(d.name(), 0);
      seconds.put(d.name(), 0.0);
    }
    System.out.println("NAB dev set, level " + level + "%; detections counted as points");
    System.out.println(header);
    for (Map.Entry<String, List<LabelledWindow>> e : labels.entrySet()) {
      TimeSeries s = CsvReader.read(nab.resolve(e.getKey()), CsvOptions.defaults()).series().get(0);
      StringBuilder row =
          new StringBuilder(
              String.format(
                  Locale.ROOT, "%-42s %6d %4d", e.getKey(), s.size(), e.getValue().size()));
      Map<String, WindowScore> perFile = new LinkedHashMap<>();
      for (AnomalyDetector d : detectors) {
        long t0 = System.nanoTime();
        Detection det = d.detect(s);
        seconds.merge(d.name(), (System.nanoTime() - t0) / 1e9, Double::sum);
        WindowScore sc = WindowScore.of(det.points(), e.getValue());
        perFile.put(d.name(), sc);
        totals.merge(d.name(), sc, WindowScore::plus);
        row.append(
            String.format(
                Locale.ROOT,
                " | %-8s %5d %5.3f %5.3f",
                "",
                sc.detections(),
                sc.precision(),
                sc.recall()));
      }
      bandOnlyTotal = bandOnlyTotal.plus(WindowScore.of(bandOnly.detect(s).points(), e.getValue()));
      WindowScore base = perFile.get("sigma3");
      for (String name : List.of("forecast", "iforest")) {
        WindowScore sc = perFile.get(name);
        if (base != null
            && sc != null
            && sc.precision() > base.precision()
            && sc.recall() >= base.recall()) {
          wins.merge(name, 1, Integer::sum);
        }
      }
      System.out.println(row);
    }
    StringBuilder total =
        new StringBuilder(String.format(Locale.ROOT, "%-42s %6s %4s", "TOTAL (micro)", "", ""));
    for (Map.Entry<String, WindowScore> t : totals.entrySet()) {
      WindowScore sc = t.getValue();
      total.append(
          String.format(
              Locale.ROOT,
              " | %-8s %5d %5.3f %5.3f",
              "",
              sc.detections(),
              sc.precision(),
              sc.recall()));
    }
    System.out.println(total);
    System.out.println();
    for (String name : totals.keySet()) {
      WindowScore sc = totals.get(name);
      System.out.println(
          String.format(
              Locale.ROOT,
              "%-8s precision %.3f (%d/%d points), recall %.3f (%d/%d windows), F1 %.3f, %.2f s%s",
              name,
              sc.precision(),
              sc.trueDetections(),
              sc.detections(),
              sc.recall(),
              sc.windowsFound(),
              sc.windows(),
              sc.f1(),
              seconds.get(name),
              wins.containsKey(name) && !name.equals("sigma3")
                  ? ", beats sigma3 on precision (and recall >=) in "
                      + wins.get(name)
                      + "/"
                      + labels.size()
                      + " files"
                  : ""));
    }
    printBandOnly(bandOnlyTotal);
  }

  /** The forecast detector without its drift test, for comparison: the drift test's share. */
  private static void printBandOnly(WindowScore sc) {
    System.out.println(
        String.format(
            Locale.ROOT,
            "forecast without the drift test (--drift-threshold 0): precision %.3f (%d/%d points),"
                + " recall %.3f (%d/%d windows), F1 %.3f",
            sc.precision(),
            sc.trueDetections(),
            sc.detections(),
            sc.recall(),
            sc.windowsFound(),
            sc.windows(),
            sc.f1()));
  }

  static Map<String, List<LabelledWindow>> parseWindows(String json) {
    Map<String, List<LabelledWindow>> out = new TreeMap<>();
    Matcher m = FILE_ENTRY.matcher(json);
    while (m.find()) {
      List<LabelledWindow> windows = new ArrayList<>();
      Matcher p = PAIR.matcher(m.group(2) + "]");
      while (p.find()) {
        windows.add(new LabelledWindow(millis(p.group(1)), millis(p.group(2))));
      }
      out.put(m.group(1), windows);
    }
    return out;
  }

  private static long millis(String ts) {
    return LocalDateTime.parse(ts, WINDOW_TS).toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
