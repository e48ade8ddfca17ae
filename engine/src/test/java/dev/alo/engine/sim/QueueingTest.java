package dev.alo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QueueingTest {
  @Test
  void mmcMeanResponse_mm4AtRate3_isTheKnownValue() {
    assertThat(Queueing.mmcMeanResponse(4, 3, 1)).isCloseTo(1.509434, within(1e-6));
  }

  @Test
  void mmcMeanResponse_oneWorker_isOneOverMuMinusLambda() {
    assertThat(Queueing.mmcMeanResponse(1, 0.9, 1)).isCloseTo(10, within(1e-9));
  }
}
