package dev.alo.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;

/** Runs a server until the process is told to stop (SIGINT, SIGTERM). */
final class Serving {
  private Serving() {}

  static dev.alo.proxy.ProxyLog stderrLog(PrintWriter err) {
    return message -> err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + message);
  }

  static void untilStopped(Runnable onStop) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  onStop.run();
                  stopped.countDown();
                },
                "alo-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
