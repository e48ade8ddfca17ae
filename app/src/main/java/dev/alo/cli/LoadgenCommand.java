package dev.alo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.alo.proxy.LoadGenerator;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alo loadgen}: open-loop HTTP load with coordinated-omission-corrected percentiles. */
@Command(
    name = "loadgen",
    mixinStandardHelpOptions = true,
    description = {
      "Sends GET requests at a constant rate, whether or not earlier ones have",
      "finished (open loop), and reports latency percentiles measured from when",
      "each request was due, so a stalled server cannot hide its queue",
      "(coordinated omission). Exit 1 when any request failed."
    })
final class LoadgenCommand implements Callable<Integer> {
  @Option(
      names = "--target",
      paramLabel = "URL",
      required = true,
      description = "URL to request, http://HOST:PORT/PATH.")
  String target = "";

  @Option(names = "--rate", required = true, paramLabel = "R", description = "Requests per second.")
  double rate;

  @Option(
      names = "--duration",
      defaultValue = "10s",
      paramLabel = "10s",
      description = "How long to send.")
  String duration = "10s";

  @Option(
      names = "--connections",
      defaultValue = "1000",
      paramLabel = "1000",
      description = "Most keep-alive connections opened.")
  int connections = 1000;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      throw new UsageException("--target '" + target + "' is not a URL");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new UsageException("--target '" + target + "': expected http://HOST:PORT/PATH");
    }
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new UsageException("--rate " + rate + " (expected > 0)");
    }
    if (connections < 1) {
      throw new UsageException("--connections " + connections + " (expected >= 1)");
    }
    Duration d = BackendCommand.duration("--duration", duration);
    if (d.isZero()) {
      throw new UsageException("--duration must be longer than 0");
    }
    LoadGenerator.Result r = LoadGenerator.run(uri, rate, d, connections);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("target", target);
      doc.put("rate", rate);
      doc.put("sent", r.sent());
      doc.put("completed", r.completed());
      doc.put("errors", r.errors());
      doc.put("seconds", r.seconds());
      doc.put("throughput", r.throughput());
      doc.put("p50_ms", r.p50Ms());
      doc.put("p90_ms", r.p90Ms());
      doc.put("p99_ms", r.p99Ms());
      doc.put("p999_ms", r.p999Ms());
      doc.put("max_ms", r.maxMs());
      out.println(
          new ObjectMapper()
              .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
              .writeValueAsString(doc));
    } else {
      out.printf(
          Locale.ROOT,
          "sent %d, completed %d, errors %d in %.1f s (%.0f req/s)%n",
          r.sent(),
          r.completed(),
          r.errors(),
          r.seconds(),
          r.throughput());
      out.printf(
          Locale.ROOT,
          "latency ms (from the scheduled send time): p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f"
              + "  max %.3f%n",
          r.p50Ms(),
          r.p90Ms(),
          r.p99Ms(),
          r.p999Ms(),
          r.maxMs());
    }
    return r.errors() > 0 ? 1 : 0;
  }
}
