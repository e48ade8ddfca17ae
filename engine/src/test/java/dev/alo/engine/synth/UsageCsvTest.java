package dev.alo.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageCsvTest {

  static String fixed(double v, int decimals) {
    StringBuilder sb = new StringBuilder();
    UsageCsv.appendFixed(sb, v, decimals);
    return sb.toString();
  }

  @Test
  void appendFixed_padsAndRoundsHalfUp() {
    assertThat(fixed(5, 2)).isEqualTo("5.00");
    assertThat(fixed(36.4, 2)).isEqualTo("36.40");
    assertThat(fixed(0.05, 2)).isEqualTo("0.05");
    assertThat(fixed(100, 2)).isEqualTo("100.00");
    assertThat(fixed(162.45, 1)).isEqualTo("162.5");
    assertThat(fixed(0.1, 1)).isEqualTo("0.1");
    assertThat(fixed(767, 0)).isEqualTo("767");
    assertThat(fixed(-1.5, 1)).isEqualTo("-1.5");
  }

  @Test
  void appendTimestamp_writesUtcWithZeroPadding() {
    StringBuilder sb = new StringBuilder();
    UsageCsv.appendTimestamp(sb, Instant.parse("2024-03-05T07:08:09Z").toEpochMilli());
    assertThat(sb).hasToString("2024-03-05 07:08:09");
  }

  @Test
  void write_headerThenOneLfTerminatedLinePerPoint() throws IOException {
    SyntheticUsage u = UsageGenerator.generate(UsageProfile.builder().days(2).build());
    StringBuilder sb = new StringBuilder();
    UsageCsv.write(u, sb);
    String csv = sb.toString();
    assertThat(csv).doesNotContain("\r").endsWith("\n");
    List<String> lines = csv.lines().toList();
    assertThat(lines).hasSize(49);
    assertThat(lines.get(0)).isEqualTo("timestamp,active_users,server_load,response_time");
    assertThat(lines.subList(1, 49))
        .allMatch(
            l ->
                l.matches(
                    "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d+,\\d+\\.\\d\\d,\\d+\\.\\d"));
    assertThat(lines.get(48)).startsWith("2024-01-02 23:00:00,");
  }

  @Test
  void writeLabels_onePerWindowWithInclusiveFirstAndLastTimestamps() throws IOException {
    SyntheticUsage u =
        UsageGenerator.generate(UsageProfile.builder().days(10).anomalies(2).build());
    StringBuilder sb = new StringBuilder();
    UsageCsv.writeLabels(u, sb);
    List<String> lines = sb.toString().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("first,last,points,kind,column,factor");
    for (int k = 0; k < 2; k++) {
      Anomaly a = u.anomalies().get(k);
      StringBuilder first = new StringBuilder();
      UsageCsv.appendTimestamp(first, u.timeAt(a.fromIndex()));
      StringBuilder last = new StringBuilder();
      UsageCsv.appendTimestamp(last, u.timeAt(a.toIndex() - 1));
      assertThat(lines.get(k + 1))
          .isEqualTo(
              first
                  + ","
                  + last
                  + ","
                  + a.points()
                  + ","
                  + a.kind().label()
                  + ","
                  + a.kind().column()
                  + ","
                  + fixed(a.factor(), 2));
    }
  }
}
