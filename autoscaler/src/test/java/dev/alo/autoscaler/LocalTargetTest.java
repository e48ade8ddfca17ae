package dev.alo.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alo.proxy.BackendStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The local target against a real proxy: backends added once they answer, drained before stop. */
class LocalTargetTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void scaleTo_oneThreeOne_addsAndDrainsThroughTheAdminApiWithoutFailingARequest()
      throws Exception {
    InProcessLauncher launcher = new InProcessLauncher(Duration.ofMillis(20));
    ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    try (LiveProxy live = new LiveProxy();
        LocalTarget target =
            LocalTarget.builder(live.adminUri(), LiveProxy.TOKEN, launcher)
                .log(lines::add)
                .build()) {
      target.scaleTo(1);
      await().atMost(WAIT).until(() -> target.replicas().ready().size() == 1);
      target.scaleTo(3);
      await().atMost(WAIT).until(() -> target.replicas().ready().size() == 3);

      Replicas three = target.replicas();
      assertThat(three.desired()).isEqualTo(3);
      assertThat(three.current()).isEqualTo(3);
      assertThat(upInProxy(live)).containsAll(three.ready()).contains(live.seedId()).hasSize(4);

      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger ok = new AtomicInteger();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        clients.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      while (running.get()) {
                        try {
                          int status = live.post();
                          if (status == 200) {
                            ok.incrementAndGet();
                          } else {
                            failures.add("status " + status);
                          }
                        } catch (Exception e) {
                          failures.add(e.toString());
                        }
                      }
                    }));
      }
      await().atMost(WAIT).until(() -> ok.get() >= 50);
      target.scaleTo(1);
      await()
          .atMost(WAIT)
          .until(() -> target.replicas().current() == 1 && live.proxy().stats().size() == 2);
      int afterScaleIn = ok.get();
      await().atMost(WAIT).until(() -> ok.get() >= afterScaleIn + 20);
      running.set(false);
      for (Thread t : clients) {
        t.join();
      }

      assertThat(failures).isEmpty();
      assertThat(target.replicas().ready()).hasSize(1).isSubsetOf(three.ready());
      assertThat(launcher.started).hasValue(3);
      assertThat(launcher.stopped).hasValue(2);
      assertThat(lines).anyMatch(l -> l.endsWith(" drained and stopped"));
    }
    assertThat(launcher.stopped).hasValue(3);
  }

  @Test
  void close_drainsAndStopsEveryBackendItStarted() {
    InProcessLauncher launcher = new InProcessLauncher(Duration.ZERO);
    try (LiveProxy live = new LiveProxy()) {
      LocalTarget target = LocalTarget.builder(live.adminUri(), LiveProxy.TOKEN, launcher).build();
      target.scaleTo(2);
      await().atMost(WAIT).until(() -> target.replicas().ready().size() == 2);

      target.close();

      assertThat(launcher.stopped).hasValue(2);
      assertThat(live.proxy().stats()).extracting(BackendStats::id).containsExactly(live.seedId());
      assertThat(target.replicas().current()).isZero();
    }
  }

  @Test
  void scaleTo_wrongToken_keepsNothingRunningAndTriesAgain() {
    InProcessLauncher launcher = new InProcessLauncher(Duration.ZERO);
    ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    try (LiveProxy live = new LiveProxy();
        LocalTarget target =
            LocalTarget.builder(live.adminUri(), "wrong-token", launcher)
                .retryDelay(Duration.ofMillis(50))
                .log(lines::add)
                .build()) {
      target.scaleTo(1);
      await().atMost(WAIT).until(() -> launcher.stopped.get() >= 2);

      assertThat(target.replicas().ready()).isEmpty();
      assertThat(lines.peek())
          .startsWith("POST " + live.adminUri() + "/backends?url=http://127.0.0.1:")
          .contains(": 401 ")
          .endsWith("; trying again in 0s");
      assertThat(live.proxy().stats()).hasSize(1);
    }
  }

  private static List<String> upInProxy(LiveProxy live) {
    return live.proxy().stats().stream()
        .filter(s -> s.state().equals("up"))
        .map(BackendStats::id)
        .toList();
  }
}
