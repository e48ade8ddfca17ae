package dev.alo.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class UsagePropertiesTest {

  @Provide
  Arbitrary<Duration> intervals() {
    return Arbitraries.of(
        Duration.ofMinutes(5), Duration.ofMinutes(90), Duration.ofHours(1), Duration.ofDays(1));
  }

  @Property(tries = 60)
  void generate_anyProfile_columnsStayInTheirRanges(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 20) int days,
      @ForAll("intervals") Duration interval,
      @ForAll @DoubleRange(min = -100, max = 1000) double trend,
      @ForAll @IntRange(min = 0, max = 4) int anomalies,
      @ForAll @DoubleRange(min = 100, max = 5000) double capacity) {
    int allowed = Math.min(anomalies, UsageProfile.maxAnomalies(days, interval));
    UsageProfile p =
        UsageProfile.builder()
            .seed(seed)
            .days(days)
            .interval(interval)
            .trendPercentPer30Days(trend)
            .anomalies(allowed)
            .capacityUsers(capacity)
            .build();
    SyntheticUsage u = UsageGenerator.generate(p);
    assertThat(u.size()).isEqualTo(p.points()).isPositive();
    assertThat(u.anomalies()).hasSize(allowed);
    long step = interval.toMillis();
    double[] usersColumn = u.activeUsers();
    double[] load = u.serverLoad();
    double[] response = u.responseTime();
    double maxResponse = p.baseResponseMillis() * 20 * 6 * 1.5;
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < u.size(); i++) {
      if (u.timeAt(i) != p.start().toEpochMilli() + i * step) {
        bad.add("time at " + i);
      }
      if (!(usersColumn[i] >= 0 && usersColumn[i] == Math.rint(usersColumn[i]))) {
        bad.add("users " + usersColumn[i] + " at " + i);
      }
      if (!(load[i] >= 0 && load[i] <= 100)) {
        bad.add("load " + load[i] + " at " + i);
      }
      if (!(response[i] > 0 && response[i] < maxResponse)) {
        bad.add("response " + response[i] + " at " + i);
      }
    }
    assertThat(bad).isEmpty();
    for (Anomaly a : u.anomalies()) {
      assertThat(a.fromIndex()).isPositive();
      assertThat(a.toIndex()).isLessThanOrEqualTo(u.size());
    }
  }
}
