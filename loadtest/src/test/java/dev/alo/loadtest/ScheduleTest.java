package dev.alo.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  private static final long TICK = 100_000;

  /** Drives a schedule as a worker does, over a fake clock; returns (due, sentAt) pairs. */
  private static List<long[]> drive(Schedule s, long firstLook) {
    List<long[]> sent = new ArrayList<>();
    long now = firstLook;
    while (true) {
      long due;
      while ((due = s.takeDue(now)) >= 0) {
        sent.add(new long[] {due, now});
      }
      if (!s.hasNext()) {
        return sent;
      }
      long sleep = s.sleepAfter(now);
      assertThat(sleep).isGreaterThanOrEqualTo(TICK);
      now += sleep;
    }
  }

  @Test
  void fixedRate_everyDueRequestSentOnceInOrder_batchedByTheTick() {
    // 30,000 req/s for 100 ms: 3,000 requests 33.3 µs apart, looked at every 100 µs.
    RateCurve c = RateCurve.constant(30_000, Duration.ofMillis(100));
    Schedule s = new Schedule(c, c, 0, 0, 1, TICK);
    List<long[]> sent = drive(s, 0);
    assertThat(sent).hasSize(3000);
    for (int k = 0; k < sent.size(); k++) {
      long due = sent.get(k)[0];
      long at = sent.get(k)[1];
      assertThat(due).isEqualTo(c.dueAt(k));
      assertThat(at - due).as("request %d sent at %d", k, at).isBetween(0L, TICK);
    }
    long looks = sent.stream().mapToLong(p -> p[1]).distinct().count();
    // One look per tick from 0 to 100 ms inclusive (the last request is due at 99.97 ms), not
    // one per request.
    assertThat(looks).isEqualTo(1001);
  }

  @Test
  void isDue_saysWhetherTheNextRequestIsDue_withoutTakingIt() {
    RateCurve c = RateCurve.constant(1000, Duration.ofMillis(10));
    Schedule s = new Schedule(c, c, 0, 0, 1, TICK);
    assertThat(s.isDue(0)).isTrue();
    assertThat(s.isDue(0)).isTrue();
    assertThat(s.takeDue(0)).isZero();
    assertThat(s.isDue(999_999)).isFalse();
    assertThat(s.isDue(1_000_000)).isTrue();
    assertThat(s.takeDue(1_000_000)).isEqualTo(1_000_000);
  }

  @Test
  void slowRate_wakesAtEachDueTime_notLate() {
    // 100 req/s: 10 ms apart, far more than a tick, so each request leaves exactly when due.
    RateCurve c = RateCurve.constant(100, Duration.ofMillis(200));
    List<long[]> sent = drive(new Schedule(c, c, 0, 0, 1, TICK), 0);
    assertThat(sent).hasSize(20);
    assertThat(sent).allSatisfy(p -> assertThat(p[1]).isEqualTo(p[0]));
  }

  @Property(tries = 30)
  void threadsAndWarmup_shareTheRunExactlyOnce(
      @ForAll @IntRange(min = 1, max = 4) int threads,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    RateCurve curve = RateCurve.constant(5_000, Duration.ofMillis(50));
    RateCurve lead = RateCurve.rampTo(5_000, Duration.ofMillis(20));
    long from = Duration.ofMillis(20).toNanos();
    List<Long> expected = new ArrayList<>();
    for (long k = 0; k < lead.requests(); k++) {
      expected.add(lead.dueAt(k));
    }
    for (long k = 0; k < curve.requests(); k++) {
      expected.add(from + curve.dueAt(k));
    }
    List<Long> all = new ArrayList<>();
    Random random = new Random(seed);
    for (int i = 0; i < threads; i++) {
      Schedule s = new Schedule(lead, curve, from, i, threads, TICK);
      long mine = s.mine(i);
      // A late first look (a stalled thread): everything due by then leaves in one go, in order.
      List<long[]> sent = drive(s, random.nextInt(5_000_000));
      assertThat(sent).hasSize((int) mine);
      for (int j = 0; j < sent.size(); j++) {
        assertThat(sent.get(j)[0]).isEqualTo(expected.get(i + j * threads));
        assertThat(sent.get(j)[1]).isGreaterThanOrEqualTo(sent.get(j)[0]);
      }
      sent.forEach(p -> all.add(p[0]));
    }
    all.sort(null);
    assertThat(all).isEqualTo(expected);
  }
}
