package dev.alo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.alo.engine.series.TimeSeries;
import dev.alo.engine.time.Durations;
import dev.alo.loadtest.LoadGenerator;
import dev.alo.loadtest.RateCurve;
import dev.alo.proxy.ProxyServer;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alo loadgen}: open-loop HTTP load with coordinated-omission-corrected percentiles. */
@Command(
    name = "loadgen",
    mixinStandardHelpOptions = true,
    description = {
      "Send open-loop HTTP load and report its latency.",
      "Sends GET requests at a constant rate (--rate) or following a recorded curve (--trace),"
          + " whether or not earlier ones have finished (open loop), and reports latency"
          + " percentiles measured from when each request was due, so a stalled server cannot"
          + " hide its queue (coordinated omission). Reports how far the generator itself fell"
          + " behind schedule. Exit 1 when any request failed.",
      "Rates go up to 1000000 requests per second (a thread sends some tens of thousands);"
          + " requests waiting for a connection cost no memory, and the run always ends by the"
          + " last due time plus --grace."
    })
final class LoadgenCommand implements Callable<Integer> {
  @Option(
      names = "--target",
      paramLabel = "URL",
      required = true,
      description = "URL to request, http://HOST:PORT/PATH.")
  String target = "";

  @Option(
      names = "--rate",
      paramLabel = "R",
      description = "Requests per second, constant (at most 1000000).")
  @Nullable Double rate;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description =
          "CSV of timestamp,requests per second (the formats of alo forecast); the rate"
              + " follows it, linear between rows.")
  @Nullable Path trace;

  @Option(
      names = "--time-scale",
      paramLabel = "X",
      description = "With --trace: X trace seconds per second of load (60: an hour in a minute).")
  @Nullable Double timeScale;

  @Option(
      names = "--rate-scale",
      paramLabel = "1",
      description = "With --trace: multiply every rate by this.")
  @Nullable Double rateScale;

  @Option(
      names = "--duration",
      paramLabel = "D",
      converter = DurationConverter.class,
      description = "How long to send (default: 10s with --rate, the scaled trace with --trace).")
  @Nullable Duration duration;

  @Option(
      names = "--threads",
      defaultValue = "1",
      paramLabel = "1",
      description =
          "Event-loop threads, each with its own share of the schedule and connections. One"
              + " sends tens of thousands of requests per second and costs the least CPU per"
              + " request (every thread wakes up on its own); add threads only when the"
              + " schedule is not kept and a core is free.")
  int threads = 1;

  @Option(
      names = "--connections",
      defaultValue = "256",
      paramLabel = "256",
      description =
          "Most connections open at once, over all threads, opened on demand and kept alive."
              + " Busy connections needed = rate x response time (25,000 req/s at 10 ms: 250);"
              + " beyond the limit requests wait for a free one, and the wait counts in their"
              + " latency. A higher limit lets a stall turn into a storm of new connections,"
              + " which costs more than the requests.")
  int connections = 256;

  @Option(
      names = "--tick",
      defaultValue = "100us",
      paramLabel = "100us",
      converter = Tick.class,
      description =
          "Shortest sleep between two looks at the schedule (NNus or a duration, 0: none):"
              + " requests due meanwhile leave together, up to this late (counted in their"
              + " latency). Smaller is more precise and costs more CPU at high rates.")
  Duration tick = Duration.ofNanos(100_000);

  @Option(
      names = "--grace",
      defaultValue = "10s",
      paramLabel = "10s",
      converter = DurationConverter.class,
      description = "How long after the last due time answers are awaited (then: no_response).")
  Duration grace = Duration.ofSeconds(10);

  @Option(
      names = "--warmup",
      defaultValue = "2s",
      paramLabel = "2s",
      converter = DurationConverter.class,
      description =
          "Unmeasured ramp to the first rate before the measured load (JIT, connections).")
  Duration warmup = Duration.ofSeconds(2);

  @Option(names = "--json", description = "Print one JSON document instead of a summary.")
  boolean json;

  @Mixin InputOptions input = new InputOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Reads a --tick: microseconds as NNus, 0, or a duration such as 1ms; at most 1s. */
  static final class Tick implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      String s = text.strip();
      Duration d;
      if (s.equals("0")) {
        d = Duration.ZERO;
      } else if (s.endsWith("us") && s.length() > 2) {
        try {
          d =
              Duration.ofNanos(
                  Math.multiplyExact(Long.parseLong(s.substring(0, s.length() - 2)), 1000));
        } catch (NumberFormatException | ArithmeticException e) {
          throw new CommandLine.TypeConversionException(
              "'" + text + "' (expected NNus, 0, or a duration such as 1ms)");
        }
      } else {
        d = new DurationConverter().convert(s);
      }
      if (d.isNegative() || d.compareTo(Duration.ofSeconds(1)) > 0) {
        throw new CommandLine.TypeConversionException(
            "'" + text + "' (expected 0 to 1s, e.g. 100us)");
      }
      return d;
    }
  }

  @Override
  public Integer call() throws Exception {
    URI uri = target();
    if (connections < 1) {
      throw new UsageException("--connections " + connections + " (expected >= 1)");
    }
    int n = threads;
    if (n < 1 || n > 256) {
      throw new UsageException("--threads " + n + " (expected 1 to 256)");
    }
    PrintWriter err = spec.commandLine().getErr();
    RateCurve curve = curve(err);
    ProxyServer.disableLeakDetectionUnlessConfigured();
    LoadGenerator.Result r =
        LoadGenerator.run(
            new LoadGenerator.Settings(uri, curve, n, connections, grace, warmup, tick));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(r, n));
    } else {
      summary(r, out);
    }
    if (!r.keptSchedule()) {
      err.println(
          "alo: warning: the generator fell behind schedule ("
              + r.lateSends()
              + " of "
              + r.sent()
              + " requests sent more than "
              + LoadGenerator.LATE.toMillis()
              + " ms late, "
              + String.format(Locale.ROOT, "%.1f", r.lagAtEndMs())
              + " ms behind at the end); the latencies include its own delay: "
              + "use more --threads or a lower rate");
    }
    return r.errors() > 0 ? 1 : 0;
  }

  private URI target() {
    URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      throw new UsageException("--target '" + target + "' is not a URL");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new UsageException("--target '" + target + "': expected http://HOST:PORT/PATH");
    }
    return uri;
  }

  private RateCurve curve(PrintWriter err) {
    Path file = trace;
    if (file == null) {
      if (rate == null) {
        throw new UsageException("give --rate R or --trace FILE");
      }
      if (timeScale != null || rateScale != null) {
        throw new UsageException("--time-scale and --rate-scale: only with --trace");
      }
      double r = rate;
      if (!(r > 0) || r > LoadGenerator.MAX_RATE) {
        throw new UsageException(
            "--rate "
                + r
                + " (expected > 0 and at most "
                + (long) LoadGenerator.MAX_RATE
                + " requests per second)");
      }
      Duration d = duration == null ? Duration.ofSeconds(10) : duration;
      if (d.isZero()) {
        throw new UsageException("--duration must be longer than 0");
      }
      return RateCurve.constant(r, d);
    }
    if (rate != null) {
      throw new UsageException("--trace sets the rate: drop --rate (or scale with --rate-scale)");
    }
    TimeSeries series = input.loadSingle(file, err);
    RateCurve curve =
        RateCurve.fromTrace(
            series, timeScale == null ? 1 : timeScale, rateScale == null ? 1 : rateScale);
    if (curve.maxRate() > LoadGenerator.MAX_RATE) {
      throw new UsageException(
          "--trace "
              + file
              + " rises to "
              + String.format(Locale.ROOT, "%.0f", curve.maxRate())
              + " requests per second"
              + (rateScale == null ? "" : " with --rate-scale " + rateScale)
              + " (expected at most "
              + (long) LoadGenerator.MAX_RATE
              + ")");
    }
    Duration d = duration;
    if (d == null) {
      return curve;
    }
    if (d.isZero()) {
      throw new UsageException("--duration must be longer than 0");
    }
    return curve.truncate(d);
  }

  private static void summary(LoadGenerator.Result r, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "sent %d, completed %d, errors %d in %.1f s (%.0f req/s)%n",
        r.sent(),
        r.completed(),
        r.errors(),
        r.seconds(),
        r.throughput());
    if (r.errors() > 0) {
      out.println(
          "errors: "
              + r.errorKinds().entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue())
                  .collect(Collectors.joining(", ")));
    }
    out.printf(
        Locale.ROOT,
        "latency ms (from the scheduled send time): p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f"
            + "  max %.3f%n",
        r.p50Ms(),
        r.p90Ms(),
        r.p99Ms(),
        r.p999Ms(),
        r.maxMs());
    out.printf(
        Locale.ROOT,
        "schedule: %s; %d sends more than %d ms late, worst %.3f ms, %.3f ms behind at the end;"
            + " %d waited for a connection, %d connections opened%n",
        r.keptSchedule() ? "kept" : "NOT kept (latencies include the generator's delay)",
        r.lateSends(),
        LoadGenerator.LATE.toMillis(),
        r.maxLagMs(),
        r.lagAtEndMs(),
        r.queued(),
        r.connectionsOpened());
  }

  private String json(LoadGenerator.Result r, int n) throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("target", target);
    if (rate != null) {
      doc.put("rate", rate);
    }
    if (trace != null) {
      doc.put("trace", String.valueOf(trace));
      doc.put("time_scale", timeScale == null ? 1.0 : timeScale);
      doc.put("rate_scale", rateScale == null ? 1.0 : rateScale);
    }
    doc.put("threads", n);
    doc.put("warmup", Durations.format(warmup));
    doc.put("connections_limit", connections);
    doc.put("sent", r.sent());
    doc.put("completed", r.completed());
    doc.put("errors", r.errors());
    doc.put("error_kinds", r.errorKinds());
    doc.put("seconds", r.seconds());
    doc.put("throughput", r.throughput());
    doc.put("p50_ms", r.p50Ms());
    doc.put("p90_ms", r.p90Ms());
    doc.put("p99_ms", r.p99Ms());
    doc.put("p999_ms", r.p999Ms());
    doc.put("max_ms", r.maxMs());
    Map<String, Object> schedule = new LinkedHashMap<>();
    schedule.put("kept", r.keptSchedule());
    schedule.put("late_threshold_ms", LoadGenerator.LATE.toMillis());
    schedule.put("late_sends", r.lateSends());
    schedule.put("max_lag_ms", r.maxLagMs());
    schedule.put("lag_at_end_ms", r.lagAtEndMs());
    schedule.put("waited_for_connection", r.queued());
    schedule.put("connections_opened", r.connectionsOpened());
    doc.put("schedule", schedule);
    List<Map<String, Object>> seconds = new ArrayList<>();
    for (LoadGenerator.Second s : r.perSecond()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("second", s.second());
      m.put("target_rate", s.targetRate());
      m.put("sent", s.sent());
      m.put("completed", s.completed());
      m.put("errors", s.errors());
      m.put("max_ms", s.maxMs());
      seconds.add(m);
    }
    doc.put("per_second", seconds);
    return new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .writeValueAsString(doc);
  }
}
