package dev.alo.cli;

import dev.alo.loadtest.SampleBackend;
import dev.alo.proxy.ProxyLog;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alo backend}: the sample HTTP backend for demos, tests and benchmarks. */
@Command(
    name = "backend",
    mixinStandardHelpOptions = true,
    description = {
      "Run a small HTTP backend for demos, tests and benchmarks.",
      "Answers 200 to any method and path once the request head has arrived (any body is"
          + " discarded), saying which instance served it. Latency, CPU work and injected 500s"
          + " are opt-in. Runs until stopped (Ctrl-C)."
    })
final class BackendCommand implements Callable<Integer> {
  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:9001",
      paramLabel = "127.0.0.1:9001",
      description = "HOST:PORT to bind.")
  String listen = "127.0.0.1:9001";

  @Option(
      names = "--latency",
      defaultValue = "0ms",
      paramLabel = "0ms",
      converter = DurationConverter.class,
      description = "Delay before answering.")
  Duration latency = Duration.ZERO;

  @Option(
      names = "--cpu-work",
      defaultValue = "0ms",
      paramLabel = "0ms",
      converter = DurationConverter.class,
      description = "Busy CPU time per request (on the event loop).")
  Duration cpuWork = Duration.ZERO;

  @Option(
      names = "--error-rate",
      defaultValue = "0",
      paramLabel = "0",
      description = "Share of requests answered 500, 0..1.")
  double errorRate;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Name in responses (default: backend-PORT).")
  String name = "";

  @Option(
      names = "--threads",
      defaultValue = "1",
      paramLabel = "1",
      description = "Event-loop threads.")
  int threads = 1;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "1",
      description = "Seed of the error injection.")
  long seed = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    InetSocketAddress address = Addresses.parse("--listen", listen);
    if (errorRate < 0 || errorRate > 1) {
      throw new UsageException("--error-rate " + errorRate + " (expected 0..1)");
    }
    if (threads < 1) {
      throw new UsageException("--threads " + threads + " (expected >= 1)");
    }
    String n = name.isBlank() ? "backend-" + address.getPort() : name;
    ProxyLog log = Serving.stderrLog(spec.commandLine().getErr());
    SampleBackend backend =
        Addresses.listen(
            address,
            () ->
                SampleBackend.start(
                    new SampleBackend.Settings(
                        address, n, latency, cpuWork, errorRate, threads, seed)));
    log.log("backend " + n + " listening on " + backend.address());
    Serving.untilStopped(backend::close);
    return 0;
  }
}
