package dev.alo.autoscaler;

import dev.alo.loadtest.SampleBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Sample backends in this JVM, each answering after {@code latency}. */
final class InProcessLauncher implements BackendLauncher {
  private final Duration latency;
  final AtomicInteger started = new AtomicInteger();
  final AtomicInteger stopped = new AtomicInteger();

  InProcessLauncher(Duration latency) {
    this.latency = latency;
  }

  @Override
  public Launched launch(InetSocketAddress listen) {
    SampleBackend b =
        SampleBackend.start(
            new SampleBackend.Settings(
                listen, "b" + listen.getPort(), latency, Duration.ZERO, 0, 1, 1));
    started.incrementAndGet();
    return new Launched() {
      private volatile boolean alive = true;

      @Override
      public boolean alive() {
        return alive;
      }

      @Override
      public void stop() {
        alive = false;
        b.close();
        stopped.incrementAndGet();
      }
    };
  }
}
