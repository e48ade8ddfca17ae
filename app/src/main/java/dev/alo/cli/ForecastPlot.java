package dev.alo.cli;

import dev.alo.engine.csv.CsvWriter;
import dev.alo.engine.forecast.Forecast;
import dev.alo.engine.forecast.RegularSeries;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a forecast as a PNG (headless): the recent history (the last max(5 × horizon, 336) values),
 * the forecast and its interval band, and with components one panel per component below (over the
 * forecast horizon). The file is the one given ({@code FILE.png}) when the input holds one series;
 * with several, one file per series: {@code FILE-NAME.png}, the series name with characters other
 * than letters, digits, {@code .}, {@code _} and {@code -} replaced by {@code _}, and {@code -2},
 * {@code -3}... added in input order to a name already taken.
 */
@SuppressWarnings("JavaUtilDate") // XChart's time axis takes java.util.Date values
final class ForecastPlot {
  private static final int WIDTH = 1000;
  private static final int MAIN_HEIGHT = 420;
  private static final int PANEL_HEIGHT = 220;

  /** The history shown: the last max(5 horizons, 336 steps) values. */
  private static final int HISTORY_HORIZONS = 5;

  private static final int MIN_HISTORY = 336;

  private ForecastPlot() {}

  /** The file for one series of several: {@code plot.png} becomes {@code plot-NAME.png}. */
  static Path fileFor(Path plot, String series) {
    return fileFor(plot, series, 1);
  }

  private static Path fileFor(Path plot, String series, int copy) {
    String file = String.valueOf(plot.getFileName());
    int dot = file.toLowerCase(Locale.ROOT).endsWith(".png") ? file.length() - 4 : file.length();
    String safe = series.replaceAll("[^A-Za-z0-9._-]", "_");
    return plot.resolveSibling(
        file.substring(0, dot) + "-" + safe + (copy > 1 ? "-" + copy : "") + ".png");
  }

  /**
   * The files of the series {@code names} (all the input's series, in order): {@code plot} itself
   * for a single series, else {@link #fileFor} each, made unique by a counter in input order.
   */
  static List<Path> files(Path plot, List<String> names) {
    if (names.size() == 1) {
      return List.of(plot);
    }
    // Compared without case: a/Load and a_load must not share a file on a case-blind disk.
    Set<String> taken = new HashSet<>();
    List<Path> files = new ArrayList<>(names.size());
    for (String name : names) {
      Path f = fileFor(plot, name);
      for (int copy = 2; !taken.add(f.toString().toLowerCase(Locale.ROOT)); copy++) {
        f = fileFor(plot, name, copy);
      }
      files.add(f);
    }
    return files;
  }

  /** Writes the PNG of one series. */
  static void write(Path file, ForecastBatch.Success s, boolean components) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Forecast forecast = s.forecast();
    long[] future = s.futureTimes();
    List<XYChart> charts = new ArrayList<>();
    charts.add(main(s.name(), s.prepared(), forecast, future));
    if (components) {
      for (String c : forecast.componentNames()) {
        charts.add(panel(c, forecast, future));
      }
    }
    List<BufferedImage> panels = new ArrayList<>();
    int height = 0;
    for (XYChart c : charts) {
      BufferedImage img = BitmapEncoder.getBufferedImage(c);
      panels.add(img);
      height += img.getHeight();
    }
    BufferedImage page = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = page.createGraphics();
    try {
      int y = 0;
      for (BufferedImage img : panels) {
        g.drawImage(img, 0, y, null);
        y += img.getHeight();
      }
    } finally {
      g.dispose();
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      ImageIO.write(page, "png", out);
    }
  }

  private static XYChart main(
      String name, SeriesPreparation.Prepared prepared, Forecast f, long[] t) {
    XYChart chart = chart(name + " — " + f.model(), MAIN_HEIGHT);
    RegularSeries history = prepared.history();
    int n = history.size();
    int from = Math.max(0, n - Math.max(HISTORY_HORIZONS * t.length, MIN_HISTORY));
    List<Date> hx = new ArrayList<>(n - from);
    List<Double> hy = new ArrayList<>(n - from);
    for (int i = from; i < n; i++) {
      hx.add(new Date(prepared.timeAt(i)));
      hy.add(history.valueAt(i));
    }
    double[] lo = f.lower();
    double[] hi = f.upper();
    double[] mean = f.mean();
    List<Date> bx = new ArrayList<>();
    List<Double> by = new ArrayList<>();
    for (int i = 0; i < t.length; i++) {
      bx.add(new Date(t[i]));
      by.add(hi[i]);
    }
    for (int i = t.length - 1; i >= 0; i--) {
      bx.add(new Date(t[i]));
      by.add(lo[i]);
    }
    XYSeries band =
        chart.addSeries(
            "interval " + CsvWriter.formatNumber(ForecastOutput.percent(f.level())) + "%", bx, by);
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(new Color(66, 133, 244, 70));
    band.setLineColor(new Color(66, 133, 244, 70));
    band.setMarker(SeriesMarkers.NONE);
    XYSeries hist = chart.addSeries("history", hx, hy);
    hist.setLineColor(Color.DARK_GRAY);
    hist.setLineWidth(1f);
    hist.setMarker(SeriesMarkers.NONE);
    List<Date> fx = new ArrayList<>(t.length);
    List<Double> fy = new ArrayList<>(t.length);
    for (int i = 0; i < t.length; i++) {
      fx.add(new Date(t[i]));
      fy.add(mean[i]);
    }
    chart.getStyler().setDatePattern(datePattern(hx.get(0).getTime(), t[t.length - 1]));
    XYSeries fc = chart.addSeries("forecast", fx, fy);
    fc.setLineColor(new Color(25, 90, 200));
    fc.setLineWidth(2f);
    fc.setMarker(SeriesMarkers.NONE);
    return chart;
  }

  private static XYChart panel(String component, Forecast f, long[] t) {
    XYChart chart = chart(component, PANEL_HEIGHT);
    double[] c = f.component(component);
    List<Date> x = new ArrayList<>(t.length);
    List<Double> y = new ArrayList<>(t.length);
    for (int i = 0; i < t.length; i++) {
      x.add(new Date(t[i]));
      y.add(c[i]);
    }
    chart.getStyler().setDatePattern(datePattern(t[0], t[t.length - 1]));
    XYSeries s = chart.addSeries(component, x, y);
    s.setLineColor(new Color(25, 90, 200));
    s.setMarker(SeriesMarkers.NONE);
    chart.getStyler().setLegendVisible(false);
    return chart;
  }

  /** Tick labels that show where ticks are (XChart spaces them evenly, not on calendar units). */
  static String datePattern(long fromMillis, long toMillis) {
    long span = toMillis - fromMillis;
    if (span > 60L * 86_400_000L) {
      return "yyyy-MM-dd";
    }
    return span > 86_400_000L ? "MM-dd HH:mm" : "HH:mm";
  }

  private static XYChart chart(String title, int height) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(title).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
    chart.getStyler().setLocale(Locale.ROOT);
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setXAxisTickMarkSpacingHint(110);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    return chart;
  }
}
