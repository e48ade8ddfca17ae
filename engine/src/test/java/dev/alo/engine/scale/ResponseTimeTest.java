package dev.alo.engine.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResponseTimeTest {
  @Test
  void erlangC_matchesClosedForms() {
    assertThat(ResponseTime.erlangC(1, 0.5)).isCloseTo(0.5, within(1e-12)); // M/M/1: ρ
    assertThat(ResponseTime.erlangC(2, 1)).isCloseTo(1.0 / 3, within(1e-12));
  }

  @Test
  void quantile_mm1_isLogOf100OverOneMinusRho() {
    // M/M/1: the response time is exponential at rate μ − λ
    double p99 = ResponseTime.quantile(new double[] {0.5}, new int[] {1}, 1, 0.99);
    assertThat(p99).isCloseTo(Math.log(100) / 0.5, within(1e-3));
  }

  @Test
  void tail_integratesToTheErlangCMeanResponse() {
    int c = 4;
    double a = 3;
    double wait = ResponseTime.erlangC(c, a);
    double mean = 0;
    double dt = 1e-3;
    for (double t = dt / 2; t < 200; t += dt) {
      mean += ResponseTime.tail(t, wait, c - a) * dt;
    }
    assertThat(mean).isCloseTo(1 + wait / (c - a), within(1e-4));
  }

  @Test
  void quantile_weighsQueuesByArrivalRate() {
    // a quiet queue with little weight barely moves the busy one's p99
    double busy = ResponseTime.quantile(new double[] {0.9}, new int[] {1}, 1, 0.99);
    double mixed = ResponseTime.quantile(new double[] {0.9, 0.01}, new int[] {1, 1}, 2, 0.99);
    assertThat(mixed).isLessThan(busy).isCloseTo(busy, within(0.05 * busy));
  }

  @Test
  void quantile_infiniteWhenOverloadedQueuesHoldMoreThanOnePercent() {
    double[] load = {2, 50};
    int[] servers = {1, 100};
    // 2 of 52 erlangs (3.8 %) arrive at an overloaded queue
    assertThat(ResponseTime.quantile(load, servers, 2, 0.99)).isInfinite();
    assertThat(ResponseTime.quantile(new double[] {0}, new int[] {1}, 1, 0.99)).isZero();
  }
}
