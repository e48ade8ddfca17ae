package dev.alo.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alo.engine.scale.ReplayResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** What {@code alo autoscale replay} prints: a table or a JSON array, one row per policy. */
final class ReplayReport {
  private ReplayReport() {}

  /** One row per policy, figures aligned under their headings. */
  static void table(List<ReplayResult> results, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%-16s %12s %10s %8s %8s %12s %10s %11s%n",
        "policy",
        "server-hours",
        "violation",
        "viol.%",
        "actions",
        "changes/day",
        "p99 (s)",
        "max servers");
    for (ReplayResult r : results) {
      out.printf(
          Locale.ROOT,
          "%-16s %12.1f %8.0f m %8.3f %8d %12.1f %10s %11d%n",
          r.policy(),
          r.serverHours(),
          r.violationMinutes(),
          r.violationPercent(),
          r.actions(),
          r.directionChangesPerDay(),
          Double.isFinite(r.p99Response())
              ? String.format(Locale.ROOT, "%.3f", r.p99Response())
              : "overloaded",
          r.maxServers());
    }
  }

  /**
   * A JSON array of objects with exactly the keys {@code policy, server_hours, violation_minutes,
   * violation_percent, actions, direction_changes_per_day, p99_response, max_servers}; p99_response
   * is null when it is not finite (an overloaded pool).
   */
  static String json(List<ReplayResult> results) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode array = mapper.createArrayNode();
    for (ReplayResult r : results) {
      ObjectNode o = array.addObject();
      o.put("policy", r.policy());
      o.put("server_hours", r.serverHours());
      o.put("violation_minutes", r.violationMinutes());
      o.put("violation_percent", r.violationPercent());
      o.put("actions", r.actions());
      o.put("direction_changes_per_day", r.directionChangesPerDay());
      if (Double.isFinite(r.p99Response())) {
        o.put("p99_response", r.p99Response());
      } else {
        o.putNull("p99_response");
      }
      o.put("max_servers", r.maxServers());
    }
    try {
      return mapper.writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
