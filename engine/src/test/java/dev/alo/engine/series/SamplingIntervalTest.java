package dev.alo.engine.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplingIntervalTest {

  @Test
  void infer_regular_isExact() {
    SamplingInterval i = SamplingInterval.infer(new long[] {0, 300_000, 600_000}).orElseThrow();
    assertThat(i.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(i.isRegular()).isTrue();
  }

  @Test
  void infer_jitteredWithMissingPoints_findsTheNiceInterval() {
    Random r = new Random(3);
    long[] t = new long[500];
    long base = 1_700_000_000_000L;
    int k = 0;
    for (int i = 0; k < t.length; i++) {
      if (i % 17 == 5) {
        continue; // a missing sample
      }
      t[k++] = base + i * 300_000L + r.nextInt(20_001) - 10_000; // ±10 s of jitter
    }
    assertThat(SamplingInterval.infer(t).orElseThrow().interval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void infer_noCommonStep_usesTheMedianRoundedWhenClose() {
    long s = 1000;
    long[] t = {0, 3590 * s, (3590 + 3610) * s, (3590 + 3610 + 3605) * s, 14_403 * s};
    assertThat(SamplingInterval.infer(t).orElseThrow().interval()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void infer_mostlyEqualSteps_usesTheMode() {
    long m = 60_000;
    long[] t = {0, 5 * m, 10 * m, 15 * m, 25 * m, 26 * m, 34 * m};
    SamplingInterval i = SamplingInterval.infer(t).orElseThrow();
    assertThat(i.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(i.regularShare()).isEqualTo(0.5);
  }

  @Test
  void infer_fewerThanTwoTimes_isEmpty() {
    assertThat(SamplingInterval.infer(new long[] {5})).isEmpty();
    assertThat(SamplingInterval.infer(new long[0])).isEmpty();
  }
}
