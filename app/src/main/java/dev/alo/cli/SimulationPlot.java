package dev.alo.cli;

import dev.alo.engine.sim.LoadSeries;
import dev.alo.engine.sim.ServerResult;
import dev.alo.engine.sim.SimulationResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws, for each algorithm, per-server utilisation over time beside a bar chart of per-server
 * utilisation and share of requests, into one PNG (headless).
 */
final class SimulationPlot {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 320;
  private static final int MAX_LINES = 20;

  private SimulationPlot() {}

  static void write(List<SimulationResult> results, Path file) {
    System.setProperty("java.awt.headless", "true");
    BufferedImage image =
        new BufferedImage(2 * WIDTH, HEIGHT * results.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int i = 0; i < results.size(); i++) {
        SimulationResult r = results.get(i);
        g.drawImage(BitmapEncoder.getBufferedImage(overTime(r)), 0, i * HEIGHT, null);
        g.drawImage(BitmapEncoder.getBufferedImage(perServer(r)), WIDTH, i * HEIGHT, null);
      }
    } finally {
      g.dispose();
    }
    try {
      if (!ImageIO.write(image, "png", file.toFile())) {
        throw new IOException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static XYChart overTime(SimulationResult r) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(r.algorithm() + ": utilization per server over time")
            .xAxisTitle("simulated seconds")
            .yAxisTitle("utilization")
            .build();
    chart.getStyler().setLegendVisible(r.servers().size() <= MAX_LINES);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisMax(1.0);
    LoadSeries series = r.series();
    double[] times = series.times();
    int lines = Math.min(MAX_LINES, series.serverIds().size());
    for (int s = 0; s < lines; s++) {
      double[] util = series.utilization(s);
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int k = 0; k < times.length; k++) {
        if (!Double.isNaN(util[k])) {
          xs.add(times[k]);
          ys.add(util[k]);
        }
      }
      if (!xs.isEmpty()) {
        chart.addSeries(series.serverIds().get(s), xs, ys).setMarker(SeriesMarkers.NONE);
      }
    }
    return chart;
  }

  private static CategoryChart perServer(SimulationResult r) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(r.algorithm() + ": per server")
            .xAxisTitle("server")
            .yAxisTitle("fraction")
            .build();
    chart.getStyler().setYAxisMin(0.0);
    List<String> ids = new ArrayList<>();
    List<Double> util = new ArrayList<>();
    List<Double> share = new ArrayList<>();
    long total = 0;
    for (ServerResult s : r.servers()) {
      total += s.requests();
    }
    for (ServerResult s : r.servers()) {
      ids.add(s.id());
      util.add(s.utilization());
      share.add(total > 0 ? (double) s.requests() / total : 0.0);
    }
    chart.addSeries("utilization", ids, util);
    chart.addSeries("share of requests", ids, share);
    return chart;
  }
}
