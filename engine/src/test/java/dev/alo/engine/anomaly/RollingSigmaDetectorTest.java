package dev.alo.engine.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import dev.alo.engine.series.TimeSeries;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingSigmaDetectorTest {

  @Test
  void detect_spikeInNoise_isFlaggedWithItsZScore() {
    Random rnd = new Random(3);
    int n = 500;
    long[] t = new long[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * 60_000L;
      y[i] = 10 + 0.1 * rnd.nextGaussian();
    }
    y[300] = 20;
    Detection d = AnomalyDetector.rollingSigma(100, 3).detect(TimeSeries.of("s", t, y));
    assertThat(d.points()).anySatisfy(p -> assertThat(p.index()).isEqualTo(300));
    AnomalyPoint spike =
        d.points().stream().filter(p -> p.index() == 300).findFirst().orElseThrow();
    assertThat(spike.score()).isGreaterThan(50);
    assertThat(spike.upper()).isLessThan(11);
  }

  @Test
  void rollingSigma_badArguments_throw() {
    assertThatThrownBy(() -> AnomalyDetector.rollingSigma(1, 3))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("window 1");
    assertThatThrownBy(() -> AnomalyDetector.rollingSigma(10, 0))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("k 0");
  }
}
