package dev.alo.cli;

import dev.alo.engine.forecast.RegularSeries;
import dev.alo.engine.scale.Replay;
import dev.alo.engine.scale.ReplayResult;
import dev.alo.engine.scale.ReplayTimeline;
import dev.alo.engine.scale.ScalingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a replay into one PNG (headless): the demand in servers at the SLO utilisation, each
 * policy's ready servers over time, and the intervals where a policy violated the SLO as markers on
 * its line. Long replays are thinned to at most {@link #MAX_POINTS} points a line, keeping each
 * bucket's highest value so that peaks and violations stay visible.
 */
@SuppressWarnings("JavaUtilDate") // XChart's time axis takes java.util.Date values
final class ReplayPlot {
  static final int WIDTH = 1280;
  static final int HEIGHT = 560;
  static final int MAX_POINTS = 2_000;

  private ReplayPlot() {}

  static void write(
      RegularSeries demand,
      ScalingConfig config,
      List<ReplayResult> results,
      java.nio.file.Path file) {
    System.setProperty("java.awt.headless", "true");
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(
                "Servers over time (demand at " + fmt(config.sloUtilization()) + " % utilisation)")
            .xAxisTitle("time")
            .yAxisTitle("servers")
            .build();
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setDatePattern("yyyy-MM-dd HH:mm");
    ReplayTimeline first = results.get(0).timeline();
    int from = first.scoredFrom();
    int n = demand.size();
    double perServer = config.capacityPerReplica() * config.sloUtilization() / 100;
    double[] need = new double[n];
    for (int i = 0; i < n; i++) {
      need[i] = demand.valueAt(i) / perServer;
    }
    line(chart, "demand", demand, need, from).setMarker(SeriesMarkers.NONE);
    for (ReplayResult r : results) {
      int[] ready = r.timeline().ready();
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = ready[i];
      }
      line(chart, r.policy(), demand, v, from).setMarker(SeriesMarkers.NONE);
      List<Date> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = from; i < n && xs.size() < MAX_POINTS; i++) {
        if (Replay.violates(
            demand.valueAt(i) / config.capacityPerReplica(),
            ready[i],
            config.sloUtilization() / 100)) {
          xs.add(new Date(demand.timeAt(i)));
          ys.add((double) ready[i]);
        }
      }
      if (!xs.isEmpty()) {
        XYSeries s = chart.addSeries(r.policy() + " violations", xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
      }
    }
    try {
      if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile())) {
        throw new IOException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A line from {@code from} on, thinned to at most MAX_POINTS buckets (each its maximum). */
  private static XYSeries line(
      XYChart chart, String name, RegularSeries demand, double[] v, int from) {
    int n = v.length - from;
    int bucket = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
    List<Date> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int start = from; start < v.length; start += bucket) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = start; i < Math.min(v.length, start + bucket); i++) {
        max = Math.max(max, v[i]);
      }
      xs.add(new Date(demand.timeAt(start)));
      ys.add(max);
    }
    return chart.addSeries(name, xs, ys);
  }

  private static String fmt(double percent) {
    return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
  }
}
