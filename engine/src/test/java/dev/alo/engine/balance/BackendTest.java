package dev.alo.engine.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackendTest {

  @Test
  void requestFinished_moreThanStarted_neverGoesBelowZero() {
    Backend b = Backend.of("a", 2);
    b.requestStarted();
    b.requestFinished(0, 1);
    b.requestFinished(0, 1);
    assertThat(b.inFlight()).isZero();
    assertThat(b.weight()).isEqualTo(2);
    assertThat(b.pickWeight()).isEqualTo(2);
  }

  @Test
  void setWeightAndHealth_keepTheInFlightCount() {
    Backend b = Backend.of("a", 1);
    Fixtures.load(b, 5);
    b.setWeight(7);
    assertThat(b.inFlight()).isEqualTo(5);
    assertThat(b.pickWeight()).isEqualTo(7);
    b.setHealthy(false);
    assertThat(b.inFlight()).isEqualTo(5);
    assertThat(b.pickWeight()).isZero();
    b.setHealthy(true);
    assertThat(b.pickWeight()).isEqualTo(7);
  }

  @Test
  void changes_countsWeightAndHealthChangesOnly() {
    Backend b = Backend.of("a", 1);
    long before = Backend.changes();
    b.setWeight(1);
    b.setHealthy(true);
    b.requestStarted();
    assertThat(Backend.changes()).isEqualTo(before);
    b.setWeight(2);
    b.setHealthy(false);
    assertThat(Backend.changes()).isGreaterThanOrEqualTo(before + 2);
  }

  @Test
  void of_badArguments_areRefused() {
    assertThatThrownBy(() -> Backend.of(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> Backend.of("a", 0)).hasMessageContaining("backend weight: 0");
    assertThatThrownBy(() -> Backend.of("a", 1, 0)).hasMessageContaining("latency decay: 0");
  }
}
