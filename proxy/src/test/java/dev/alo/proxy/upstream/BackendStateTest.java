package dev.alo.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.proxy.BackendAddress;
import org.junit.jupiter.api.Test;

class BackendStateTest {
  private static final long MS = 1_000_000L;
  private long now = 1000 * MS;
  private final BackendState b =
      new BackendState(new BackendAddress("127.0.0.1", 8001, 1), () -> now, 1000 * MS);

  @Test
  void checks_takeItDownAfterFallFailuresInARow_andBackAfterRiseSuccesses() {
    assertThat(b.recordCheck(false, 2, 3)).isFalse();
    assertThat(b.recordCheck(false, 2, 3)).isFalse();
    assertThat(b.recordCheck(true, 2, 3)).isFalse();
    assertThat(b.recordCheck(false, 2, 3)).isFalse();
    assertThat(b.recordCheck(false, 2, 3)).isFalse();
    assertThat(b.recordCheck(false, 2, 3)).isTrue();
    assertThat(b.inRotation()).isFalse();
    assertThat(b.failingChecks()).isTrue();
    assertThat(b.onlyFailingChecks()).isTrue();

    assertThat(b.recordCheck(true, 2, 3)).isFalse();
    assertThat(b.recordCheck(true, 2, 3)).isTrue();
    assertThat(b.inRotation()).isTrue();
  }

  @Test
  void backInRotation_rampsUpOnTheClock() {
    b.eject(now + 10 * MS);
    now += 10 * MS;
    assertThat(b.readmitIfDue(now)).isTrue();
    assertThat(b.rampShare()).isEqualTo(0.1);
    now += 500 * MS;
    assertThat(b.rampShare()).isEqualTo(0.5);
    now += 500 * MS;
    assertThat(b.rampShare()).isEqualTo(1);
  }

  @Test
  void ejection_endsOnlyWhenDue_andCountsInTheStats() {
    b.eject(now + 100 * MS);
    assertThat(b.inRotation()).isFalse();
    assertThat(b.onlyFailingChecks()).isFalse();
    assertThat(b.readmitIfDue(now + 99 * MS)).isFalse();
    assertThat(b.readmitIfDue(now + 100 * MS)).isTrue();
    assertThat(b.ejected()).isFalse();
    assertThat(b.stats(now).ejections()).isEqualTo(1);
  }

  @Test
  void drained_outOfRotationForGood_andStatedSo() {
    b.drain();
    assertThat(b.inRotation()).isFalse();
    assertThat(b.recordCheck(true, 1, 1)).isFalse();
    assertThat(b.inRotation()).isFalse();
    assertThat(b.stats(now).state()).isEqualTo("draining");
    b.markRemoved();
    assertThat(b.removed()).isTrue();
    assertThat(b.stats(now).state()).isEqualTo("removed");
  }

  @Test
  void attempts_countInFlight_requestsAndErrors() {
    b.attemptStarted();
    assertThat(b.backend().inFlight()).isEqualTo(1);
    b.attemptFinished(now, 5 * MS, true);
    b.attemptStarted();
    b.attemptFinished(now, 5 * MS, false);
    assertThat(b.backend().inFlight()).isZero();
    assertThat(b.stats(now).requests()).isEqualTo(2);
    assertThat(b.stats(now).errors()).isEqualTo(1);
  }
}
