package dev.alo.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alo.engine.InputException;
import dev.alo.engine.forecast.Forecast;
import dev.alo.engine.forecast.Forecaster;
import dev.alo.engine.scale.CapacityPlan;
import dev.alo.engine.series.TimeSeries;
import dev.alo.engine.series.TimestampFormat;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alo plan}: a load forecast turned into servers needed per hour. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Plan servers per hour from a forecast of the load.",
      "Forecasts the load series (requests per step or per second, as recorded) with its"
          + " interval at --level, then gives for each hour (or each step, when steps are longer)"
          + " the highest forecast and upper bound in it and the servers that keep the upper bound"
          + " at --target percent of --capacity each: what the predictive autoscaling policy"
          + " schedules. CSV on stdout (timestamp,expected,upper,expected_servers,servers) or"
          + " one JSON array with --json; notes and a summary go to stderr."
    })
@SuppressWarnings("JavaUtilDate") // XChart's time axis takes java.util.Date values
final class PlanCommand implements Callable<Integer> {
  @Mixin InputSource.Single source = new InputSource.Single();

  @Option(
      names = "--horizon",
      paramLabel = "D",
      defaultValue = "48h",
      description =
          "How far ahead: a duration (48h, 7d) or a number of steps (default: ${DEFAULT-VALUE}).")
  String horizon = "";

  @Option(
      names = "--capacity",
      paramLabel = "R",
      required = true,
      description =
          "The load one server carries at 100 %%, in the series' unit (e.g. requests per second"
              + " when the series is a rate).")
  double capacity;

  @Option(
      names = "--target",
      paramLabel = "PCT",
      defaultValue = "60",
      description = "Utilisation planned for, above 0 and at most 100 (default: ${DEFAULT-VALUE}).")
  double target;

  @Option(
      names = "--level",
      paramLabel = "PCT",
      defaultValue = "80",
      description = "The forecast interval's coverage, 1 to 99.9 (default: ${DEFAULT-VALUE}).")
  double level;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      defaultValue = "auto",
      description = "Forecasting model, as forecast --model (default: ${DEFAULT-VALUE}).")
  String model = "";

  @Option(
      names = "--min-servers",
      paramLabel = "N",
      defaultValue = "1",
      description = "Fewest servers an hour gets (default: ${DEFAULT-VALUE}).")
  int minServers;

  @Option(names = "--json", description = "Print one JSON array, one object per hour.")
  boolean json;

  @Option(
      names = "--plot",
      paramLabel = "FILE.png",
      description =
          "Also draw the history's last week, the forecast with its interval and the servers"
              + " planned to a PNG (checked before the work; exit 3 when the plan is printed but"
              + " the plot cannot be written).")
  @Nullable Path plot;

  @Mixin InputOptions input = new InputOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!(capacity > 0) || Double.isInfinite(capacity)) {
      throw new UsageException(
          "--capacity " + GivenValue.of(capacity) + ": expected a load above 0");
    }
    if (!(target > 0 && target <= 100)) {
      throw new UsageException(
          "--target " + GivenValue.of(target) + ": expected above 0, at most 100");
    }
    if (!(level >= ForecastCommand.MIN_LEVEL && level <= ForecastCommand.MAX_LEVEL)) {
      throw new UsageException(
          "--level "
              + GivenValue.of(level)
              + ": expected "
              + ForecastCommand.MIN_LEVEL
              + " to "
              + ForecastCommand.MAX_LEVEL);
    }
    if (minServers < 0) {
      throw new UsageException("--min-servers " + minServers + ": expected 0 or more");
    }
    Forecaster forecaster;
    try {
      forecaster = Forecaster.byName(model);
    } catch (InputException e) {
      throw new UsageException("--model " + model + ": " + e.getMessage());
    }
    Horizon h = Horizon.parse(horizon);
    Path png = plot;
    if (png != null) {
      OutputFiles.checkPng("--plot", png);
      OutputFiles.checkWritable("--plot", png);
    }
    Path file = source.file();
    TimeSeries series = input.loadSingle(file, err);
    SeriesPreparation.Prepared p =
        SeriesPreparation.prepare(series, ForecastCommand.FORECAST_DEFAULTS);
    List<String> notes = new ArrayList<>(p.notes());
    long step = p.history().stepMillis();
    int steps = h.stepsFor(step, notes);
    Forecast f = forecaster.forecast(p.history(), steps, level / 100);
    notes.addAll(f.notes());
    notes.forEach(n -> err.println("alo: note: " + series.name() + ": " + n));
    List<CapacityPlan.Row> rows = CapacityPlan.of(f, step, capacity, target, minServers);
    long[] starts = rows.stream().mapToLong(CapacityPlan.Row::startMillis).toArray();
    TimestampFormat fmt = p.format().wideEnoughFor(starts);
    int peak = rows.stream().mapToInt(CapacityPlan.Row::servers).max().orElse(0);
    double serverHours = 0;
    for (int i = 0; i < rows.size(); i++) {
      long end =
          i + 1 < rows.size()
              ? starts[i + 1]
              : starts[i] + Math.max(step, CapacityPlan.PERIOD_MILLIS);
      serverHours += rows.get(i).servers() * (end - starts[i]) / 3_600_000.0;
    }
    err.println(
        String.format(
            Locale.ROOT,
            "alo: plan for %s: %d rows by %s, at most %d servers, %.1f server-hours (static at"
                + " the peak: %.1f)",
            series.name(),
            rows.size(),
            f.model(),
            peak,
            serverHours,
            peak * (double) (steps * step) / 3_600_000.0));
    err.flush();
    if (json) {
      out.println(json(rows, fmt));
    } else {
      out.println("timestamp,expected,upper,expected_servers,servers");
      for (CapacityPlan.Row r : rows) {
        out.printf(
            Locale.ROOT,
            "%s,%s,%s,%d,%d%n",
            fmt.format(r.startMillis()),
            number(r.expected()),
            number(r.upper()),
            r.expectedServers(),
            r.servers());
      }
    }
    out.flush();
    return png == null ? 0 : OutputFiles.drawAfter("plan", png, () -> plot(p, f, rows, png), err);
  }

  private static String number(double v) {
    return java.math.BigDecimal.valueOf(v)
        .setScale(3, java.math.RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }

  static String json(List<CapacityPlan.Row> rows, TimestampFormat fmt) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode array = mapper.createArrayNode();
    for (CapacityPlan.Row r : rows) {
      ObjectNode o = array.addObject();
      o.put("timestamp", fmt.format(r.startMillis()));
      o.put("expected", r.expected());
      o.put("upper", r.upper());
      o.put("expected_servers", r.expectedServers());
      o.put("servers", r.servers());
    }
    try {
      return mapper.writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** History's last week, forecast and interval on the left axis, servers planned on the right. */
  private void plot(
      SeriesPreparation.Prepared p, Forecast f, List<CapacityPlan.Row> rows, Path png) {
    System.setProperty("java.awt.headless", "true");
    XYChart chart =
        new XYChartBuilder()
            .width(1280)
            .height(560)
            .title("Load forecast and servers planned")
            .build();
    chart.getStyler().setDatePattern("yyyy-MM-dd HH:mm");
    chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
    chart.setYAxisGroupTitle(0, "load");
    chart.setYAxisGroupTitle(1, "servers");
    int n = p.history().size();
    int from = (int) Math.max(0, n - 7 * 86_400_000L / p.history().stepMillis());
    List<Date> hx = new ArrayList<>();
    List<Double> hy = new ArrayList<>();
    for (int i = from; i < n; i++) {
      hx.add(new Date(p.history().timeAt(i)));
      hy.add(p.history().valueAt(i));
    }
    chart.addSeries("history", hx, hy).setMarker(SeriesMarkers.NONE);
    List<Date> fx = new ArrayList<>();
    for (long t : f.times()) {
      fx.add(new Date(t));
    }
    chart.addSeries("forecast", fx, toList(f.mean())).setMarker(SeriesMarkers.NONE);
    XYSeries up = chart.addSeries("upper bound", fx, toList(f.upper()));
    up.setMarker(SeriesMarkers.NONE);
    up.setLineColor(Color.GRAY);
    List<Date> sx = new ArrayList<>();
    List<Double> sy = new ArrayList<>();
    for (CapacityPlan.Row r : rows) {
      sx.add(new Date(r.startMillis()));
      sy.add((double) r.servers());
    }
    XYSeries servers = chart.addSeries("servers", sx, sy);
    servers.setYAxisGroup(1);
    servers.setMarker(SeriesMarkers.NONE);
    servers.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    try {
      if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png.toFile())) {
        throw new IOException("no PNG writer available");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Double> toList(double[] v) {
    List<Double> l = new ArrayList<>(v.length);
    for (double x : v) {
      l.add(x);
    }
    return l;
  }
}
