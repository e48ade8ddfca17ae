package dev.alo.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.alo.engine.csv.CsvWriter;
import dev.alo.engine.forecast.Forecast;
import dev.alo.engine.series.TimestampFormat;
import dev.alo.engine.time.Durations;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes forecasts as CSV ({@code series,timestamp,yhat,lower,upper}, plus one column per component
 * with {@code --components}) or as one JSON document. Numbers are written as the shortest text that
 * reads back as the same double, so the output is byte-identical across runs.
 */
final class ForecastOutput {
  private ForecastOutput() {}

  /** The fixed leading columns of the forecast CSV. */
  static final List<String> HEADER = List.of("series", "timestamp", "yhat", "lower", "upper");

  /** The component columns: every component name of the forecasts, in order of first appearance. */
  static List<String> componentNames(List<ForecastBatch.Success> results) {
    Set<String> names = new LinkedHashSet<>();
    for (ForecastBatch.Success s : results) {
      names.addAll(s.forecast().componentNames());
    }
    return new ArrayList<>(names);
  }

  /** The timestamp style of a series' future times: its source style, widened when needed. */
  static TimestampFormat futureFormat(ForecastBatch.Success s) {
    return s.format().wideEnoughFor(s.futureTimes());
  }

  /** The CSV: header, then one row per future step of each series, in order. */
  static void csv(List<ForecastBatch.Success> results, boolean components, Appendable out) {
    List<String> comps = components ? componentNames(results) : List.of();
    CsvWriter w = CsvWriter.to(out);
    for (String h : HEADER) {
      w.field(h);
    }
    for (String c : comps) {
      w.field(c);
    }
    w.endRow();
    for (ForecastBatch.Success s : results) {
      Forecast f = s.forecast();
      TimestampFormat fmt = futureFormat(s);
      long[] times = s.futureTimes();
      double[] mean = f.mean();
      double[] lower = f.lower();
      double[] upper = f.upper();
      List<double[]> cols = new ArrayList<>();
      for (String c : comps) {
        cols.add(f.component(c));
      }
      for (int h = 0; h < times.length; h++) {
        w.field(s.name()).time(times[h], fmt).field(mean[h]).field(lower[h]).field(upper[h]);
        for (double[] c : cols) {
          w.field(c.length == 0 ? Double.NaN : c[h]);
        }
        w.endRow();
      }
    }
  }

  /**
   * The JSON document: {@code {"horizon", "level", "series": {NAME: {"model", "interval", "notes",
   * "points": [{"timestamp", "yhat", "lower", "upper"[, "components": {...}]}]}}, "failed": {NAME:
   * MESSAGE}}}.
   */
  static void json(
      List<ForecastBatch.Outcome> outcomes,
      String horizon,
      double level,
      boolean components,
      Writer out)
      throws IOException {
    JsonFactory factory = JsonFactory.builder().build();
    try (JsonGenerator g = factory.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("horizon", horizon);
      g.writeFieldName("level");
      g.writeNumber(CsvWriter.formatNumber(percent(level)));
      g.writeObjectFieldStart("series");
      for (ForecastBatch.Outcome o : outcomes) {
        if (o instanceof ForecastBatch.Success s) {
          series(g, s, components);
        }
      }
      g.writeEndObject();
      g.writeObjectFieldStart("failed");
      for (ForecastBatch.Outcome o : outcomes) {
        if (o instanceof ForecastBatch.Failure f) {
          g.writeStringField(f.name(), f.message());
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    out.write('\n');
  }

  private static void series(JsonGenerator g, ForecastBatch.Success s, boolean components)
      throws IOException {
    Forecast f = s.forecast();
    TimestampFormat fmt = futureFormat(s);
    g.writeObjectFieldStart(s.name());
    g.writeStringField("model", f.model());
    if (s.prepared().monthly()) {
      int months = s.prepared().months();
      g.writeStringField("interval", months + (months == 1 ? " month" : " months"));
    } else {
      g.writeStringField("interval", Durations.format(Duration.ofMillis(s.history().stepMillis())));
    }
    g.writeNumberField("history", s.history().size());
    g.writeArrayFieldStart("notes");
    for (String n : s.notes()) {
      g.writeString(n);
    }
    g.writeEndArray();
    long[] times = s.futureTimes();
    double[] mean = f.mean();
    double[] lower = f.lower();
    double[] upper = f.upper();
    List<String> names = components ? List.copyOf(f.componentNames()) : List.of();
    List<double[]> cols = new ArrayList<>();
    for (String c : names) {
      cols.add(f.component(c));
    }
    g.writeArrayFieldStart("points");
    for (int h = 0; h < times.length; h++) {
      g.writeStartObject();
      g.writeStringField("timestamp", fmt.format(times[h]));
      number(g, "yhat", mean[h]);
      number(g, "lower", lower[h]);
      number(g, "upper", upper[h]);
      if (components) {
        g.writeObjectFieldStart("components");
        for (int c = 0; c < names.size(); c++) {
          number(g, names.get(c), cols.get(c)[h]);
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** A level in (0, 1) as a percentage, without the binary noise of {@code level * 100}. */
  static double percent(double level) {
    return Math.round(level * 1e10) / 1e8;
  }

  private static void number(JsonGenerator g, String field, double v) throws IOException {
    g.writeFieldName(field);
    if (Double.isFinite(v)) {
      g.writeNumber(CsvWriter.formatNumber(v));
    } else {
      g.writeNull();
    }
  }
}
