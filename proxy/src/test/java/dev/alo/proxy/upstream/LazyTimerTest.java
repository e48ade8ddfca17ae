package dev.alo.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The timer on an embedded event loop and a hand-moved clock. */
class LazyTimerTest {
  private final EmbeddedChannel loop = new EmbeddedChannel();
  private long now = 5_000_000_000L;
  private int fired;
  private final LazyTimer timer = new LazyTimer(loop.eventLoop(), () -> now, () -> fired++);

  @AfterEach
  void close() {
    loop.finishAndReleaseAll();
  }

  /** Moves the clock and the event loop's time together. */
  private void advance(Duration d) {
    now += d.toNanos();
    loop.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
    loop.runScheduledPendingTasks();
  }

  @Test
  void armed_firesOnceAtTheDeadline() {
    timer.arm(Duration.ofMillis(100).toNanos());
    advance(Duration.ofMillis(99));
    assertThat(fired).isZero();
    advance(Duration.ofMillis(1));
    assertThat(fired).isEqualTo(1);
    advance(Duration.ofSeconds(1));
    assertThat(fired).isEqualTo(1);
  }

  @Test
  void rearmedLater_firesAtTheNewDeadlineOnly() {
    timer.arm(Duration.ofMillis(100).toNanos());
    advance(Duration.ofMillis(60));
    timer.arm(Duration.ofMillis(100).toNanos());
    advance(Duration.ofMillis(40));
    assertThat(fired).isZero();
    advance(Duration.ofMillis(60));
    assertThat(fired).isEqualTo(1);
  }

  @Test
  void rearmedSooner_firesAtTheSoonerDeadline() {
    timer.arm(Duration.ofSeconds(30).toNanos());
    timer.arm(Duration.ofMillis(300).toNanos());
    advance(Duration.ofMillis(300));
    assertThat(fired).isEqualTo(1);
  }

  @Test
  void loopTimePassingAlone_doesNotFire_theClockDecides() {
    timer.arm(Duration.ofMillis(100).toNanos());
    loop.advanceTimeBy(1, TimeUnit.SECONDS);
    loop.runScheduledPendingTasks();
    assertThat(fired).isZero();
    advance(Duration.ofMillis(100));
    assertThat(fired).isEqualTo(1);
  }

  @Test
  void disarmedOrStopped_neverFires() {
    timer.arm(Duration.ofMillis(100).toNanos());
    timer.disarm();
    advance(Duration.ofSeconds(1));
    timer.arm(Duration.ofMillis(100).toNanos());
    timer.stop();
    advance(Duration.ofSeconds(1));
    assertThat(fired).isZero();
  }
}
