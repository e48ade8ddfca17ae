package dev.alo.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alo.engine.forecast.ProtocolV1;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code alo backtest --json}: the table as one JSON document, {@code {"horizon", "origins",
 * "interval", "protocol", "results": [{"series", "model", "smape", "mase", "coverage80", "seconds",
 * "origins": [{"origin", "n_train", "smape", "mase", "coverage80", "seconds"}]}], "models":
 * [{"model", "series", "smape", "mase", "gm_mase", "coverage80", "seconds"}], "reference":
 * [{"series", "method", "smape", "mase", "coverage80", "seconds"}]}}; a figure that is not a finite
 * number is {@code null}.
 */
final class BacktestJson {
  private BacktestJson() {}

  /** The run's settings: interval {@code "inferred"} when the series keep their own. */
  record Settings(int horizon, int origins, String interval, boolean protocolV1) {}

  /** One series' result with one model. */
  record Row(String series, String model, ProtocolV1.SeriesResult result) {}

  static String of(Settings settings, List<Row> rows, Map<String, Map<String, double[]>> ref)
      throws JsonProcessingException {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    root.put("horizon", settings.horizon());
    root.put("origins", settings.origins());
    root.put("interval", settings.interval());
    root.put("protocol", settings.protocolV1() ? "v1" : null);
    ArrayNode results = root.putArray("results");
    Map<String, List<ProtocolV1.SeriesResult>> byModel = new LinkedHashMap<>();
    for (Row r : rows) {
      ObjectNode o = results.addObject();
      o.put("series", r.series());
      o.put("model", r.model());
      figures(o, r.result().smape(), r.result().mase(), r.result().coverage80());
      number(o, "seconds", r.result().seconds());
      ArrayNode origins = o.putArray("origins");
      for (ProtocolV1.Origin origin : r.result().origins()) {
        ObjectNode x = origins.addObject();
        x.put("origin", origin.k());
        x.put("n_train", origin.nTrain());
        figures(x, origin.smape(), origin.mase(), origin.coverage80());
        number(x, "seconds", origin.seconds());
      }
      byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r.result());
    }
    ArrayNode models = root.putArray("models");
    byModel.forEach(
        (model, list) -> {
          ProtocolV1.Summary s = ProtocolV1.summarize(list);
          ObjectNode o = models.addObject();
          o.put("model", model);
          o.put("series", s.series());
          figures(o, s.smape(), s.mase(), s.coverage80());
          number(o, "gm_mase", s.gmMase());
          number(o, "seconds", s.seconds());
        });
    ArrayNode reference = root.putArray("reference");
    rows.stream()
        .map(Row::series)
        .distinct()
        .forEach(
            series ->
                ref.getOrDefault(series, Map.of())
                    .forEach(
                        (method, v) -> {
                          ObjectNode o = reference.addObject();
                          o.put("series", series);
                          o.put("method", method);
                          figures(o, v[0], v[1], v[2]);
                          number(o, "seconds", v[3]);
                        }));
    return m.writeValueAsString(root);
  }

  private static void figures(ObjectNode o, double smape, double mase, double coverage80) {
    number(o, "smape", smape);
    number(o, "mase", mase);
    number(o, "coverage80", coverage80);
  }

  private static void number(ObjectNode o, String name, double v) {
    if (Double.isFinite(v)) {
      o.put(name, v);
    } else {
      o.putNull(name);
    }
  }
}
