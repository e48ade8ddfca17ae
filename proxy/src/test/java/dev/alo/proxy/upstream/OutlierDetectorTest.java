package dev.alo.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.proxy.BackendAddress;
import dev.alo.proxy.ProxyConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutlierDetectorTest {
  private static final long MS = 1_000_000L;
  private final List<BackendState> members = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private final OutlierDetector detector =
      new OutlierDetector(
          new ProxyConfig.Outliers(3, Duration.ofMillis(100), Duration.ofMillis(250), 0.5),
          () -> members,
          log::add);

  private BackendState add(int port) {
    BackendState b = new BackendState(new BackendAddress("127.0.0.1", port, 1), () -> 0, 0);
    members.add(b);
    return b;
  }

  @Test
  void connectFailure_ejectsAtOnce_andTickReadmitsAfterBaseTime() {
    BackendState a = add(1);
    add(2);
    assertThat(detector.onFailure(a, 1000 * MS, true, "refused")).isTrue();
    assertThat(a.inRotation()).isFalse();
    detector.tick(1099 * MS);
    assertThat(a.inRotation()).isFalse();
    detector.tick(1100 * MS);
    assertThat(a.inRotation()).isTrue();
    assertThat(log).hasSize(2);
  }

  @Test
  void consecutiveFailures_ejectOnlyAtThreshold_successResetsTheCount() {
    BackendState a = add(1);
    add(2);
    assertThat(detector.onFailure(a, 0, false, "500")).isFalse();
    assertThat(detector.onFailure(a, 0, false, "500")).isFalse();
    detector.onSuccess(a);
    assertThat(detector.onFailure(a, 0, false, "500")).isFalse();
    assertThat(detector.onFailure(a, 0, false, "500")).isFalse();
    assertThat(detector.onFailure(a, 0, false, "500")).isTrue();
  }

  @Test
  void repeatedEjections_lastLonger_upToTheMaximum() {
    BackendState a = add(1);
    add(2);
    detector.onFailure(a, 0, true, "refused");
    assertThat(a.ejectedUntil()).isEqualTo(100 * MS);
    detector.tick(100 * MS);
    detector.onFailure(a, 110 * MS, true, "refused");
    assertThat(a.ejectedUntil()).isEqualTo(310 * MS);
    detector.tick(310 * MS);
    detector.onFailure(a, 320 * MS, true, "refused");
    assertThat(a.ejectedUntil()).isEqualTo(570 * MS);
  }

  @Test
  void maxEjectedShare_neverExceeded() {
    BackendState a = add(1);
    BackendState b = add(2);
    BackendState c = add(3);
    assertThat(detector.onFailure(a, 0, true, "refused")).isTrue();
    assertThat(detector.onFailure(b, 0, true, "refused")).isFalse();
    assertThat(detector.onFailure(c, 0, true, "refused")).isFalse();
    assertThat(b.inRotation()).isTrue();
  }
}
