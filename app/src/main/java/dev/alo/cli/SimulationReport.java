package dev.alo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alo.engine.sim.LoadDistribution;
import dev.alo.engine.sim.ServerResult;
import dev.alo.engine.sim.SimulationResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints simulation results as a table or as one JSON array. */
final class SimulationReport {
  private static final int MAX_LISTED_SERVERS = 8;

  private SimulationReport() {}

  /** One row per algorithm; per-server utilisation listed (or min..max for many servers). */
  static void table(List<SimulationResult> results, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%-21s %10s %8s %8s %10s %9s %9s %9s %9s %6s  %s%n",
        "algorithm",
        "completed",
        "dropped",
        "failed",
        "throughput",
        "mean",
        "p50",
        "p95",
        "p99",
        "jain",
        "server utilization");
    for (SimulationResult r : results) {
      out.printf(
          Locale.ROOT,
          "%-21s %10d %8d %8d %10.4f %9s %9s %9s %9s %6.4f  %s%n",
          r.algorithm(),
          r.completed(),
          r.dropped(),
          r.failed() + r.unrouted(),
          r.throughput(),
          seconds(r.meanResponse()),
          seconds(r.p50()),
          seconds(r.p95()),
          seconds(r.p99()),
          r.utilizationSpread().jainFairness(),
          utilizations(r));
    }
  }

  private static String seconds(double s) {
    return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.4g", s);
  }

  private static String utilizations(SimulationResult r) {
    List<ServerResult> servers = r.servers();
    if (servers.size() > MAX_LISTED_SERVERS) {
      LoadDistribution u = r.utilizationSpread();
      return String.format(Locale.ROOT, "%.3f..%.3f (sd %.3f)", u.min(), u.max(), u.stdDev());
    }
    StringBuilder s = new StringBuilder();
    for (ServerResult server : servers) {
      s.append(s.length() == 0 ? "" : " ")
          .append(String.format(Locale.ROOT, "%.3f", server.utilization()));
    }
    return s.toString();
  }

  /** A JSON array with one object per algorithm; NaN (no completed request) becomes null. */
  static String json(List<SimulationResult> results) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode array = mapper.createArrayNode();
    for (SimulationResult r : results) {
      ObjectNode o = array.addObject();
      o.put("algorithm", r.algorithm());
      o.put("requests", r.arrivals());
      o.put("completed", r.completed());
      o.put("dropped", r.dropped());
      o.put("failed", r.failed());
      o.put("unrouted", r.unrouted());
      number(o, "duration", r.duration());
      number(o, "throughput", r.throughput());
      number(o, "mean_response", r.meanResponse());
      number(o, "p50", r.p50());
      number(o, "p95", r.p95());
      number(o, "p99", r.p99());
      number(o, "max_response", r.maxResponse());
      number(o, "jain_fairness", r.utilizationSpread().jainFairness());
      number(o, "jain_fairness_requests", r.requestSpread().jainFairness());
      spread(o.putObject("utilization"), r.utilizationSpread());
      spread(o.putObject("requests_per_server"), r.requestSpread());
      ArrayNode servers = o.putArray("servers");
      for (ServerResult s : r.servers()) {
        ObjectNode so = servers.addObject();
        so.put("id", s.id());
        so.put("requests", s.requests());
        so.put("completed", s.completed());
        so.put("dropped", s.dropped());
        so.put("failed", s.failed());
        number(so, "utilization", s.utilization());
        number(so, "mean_in_flight", s.meanInFlight());
        so.put("max_in_flight", s.maxInFlight());
        number(so, "mean_response", s.meanResponse());
        number(so, "p50", s.p50());
        number(so, "p95", s.p95());
        number(so, "p99", s.p99());
      }
    }
    return mapper.writeValueAsString(array);
  }

  private static void spread(ObjectNode o, LoadDistribution d) {
    number(o, "min", d.min());
    number(o, "max", d.max());
    number(o, "mean", d.mean());
    number(o, "std_dev", d.stdDev());
    number(o, "imbalance", d.imbalance());
    number(o, "jain_fairness", d.jainFairness());
  }

  private static void number(ObjectNode o, String field, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      o.putNull(field);
    } else {
      o.put(field, v);
    }
  }
}
