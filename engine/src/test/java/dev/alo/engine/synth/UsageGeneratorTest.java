package dev.alo.engine.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsageGeneratorTest {

  private static final SyntheticUsage DEFAULT = UsageGenerator.generate(UsageProfile.defaults());

  static String csv(UsageProfile p) throws IOException {
    StringBuilder sb = new StringBuilder();
    UsageCsv.write(UsageGenerator.generate(p), sb);
    return sb.toString();
  }

  @Test
  void generate_sameProfile_sameBytes() throws IOException {
    UsageProfile p = UsageProfile.builder().days(30).seed(7).anomalies(3).build();
    assertThat(csv(p)).isEqualTo(csv(p));
  }

  @Test
  void generate_differentSeed_differentValues() throws IOException {
    String a = csv(UsageProfile.builder().days(30).seed(1).build());
    String b = csv(UsageProfile.builder().days(30).seed(2).build());
    assertThat(a).isNotEqualTo(b);
    assertThat(a.lines().count()).isEqualTo(b.lines().count());
  }

  @Test
  void generate_defaults_givesThePinnedFirstRows() throws IOException {
    // Pins the numbers: a change here means every data set generated so far changes too.
    assertThat(csv(UsageProfile.builder().days(1).build()).lines().limit(4))
        .containsExactly(
            "timestamp,active_users,server_load,response_time",
            "2024-01-01 00:00:00,767,36.49,162.4",
            "2024-01-01 01:00:00,680,34.64,166.0",
            "2024-01-01 02:00:00,665,33.84,148.9");
  }

  @Test
  void generate_defaults_ninetyDaysHourlyFromTheFixedStart() {
    assertThat(DEFAULT.size()).isEqualTo(90 * 24);
    assertThat(DEFAULT.timeAt(0)).isEqualTo(Instant.parse("2024-01-01T00:00:00Z").toEpochMilli());
    assertThat(DEFAULT.timeAt(1) - DEFAULT.timeAt(0)).isEqualTo(3_600_000L);
  }

  @Test
  void meanUsers_defaultWeekday_peaksAt14AndBottomsAt02() {
    UsageProfile p = UsageProfile.defaults();
    long monday = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    double[] byHour = new double[24];
    for (int h = 0; h < 24; h++) {
      byHour[h] = UsageGenerator.meanUsers(p, monday + h * 3600L, 0, Set.of());
    }
    assertThat(argMax(byHour)).isEqualTo(14);
    assertThat(argMin(byHour)).isEqualTo(2);
    assertThat(byHour[14]).isCloseTo(1300, within(1e-9));
    assertThat(byHour[2]).isCloseTo(700, within(1e-9));
  }

  @Test
  void generate_meanUsersByHourOfDay_peaksAround14AndBottomsAtNight() {
    double[] byHour = meanByHour(DEFAULT);
    assertThat(argMax(byHour)).isBetween(13, 15);
    assertThat(argMin(byHour)).isBetween(1, 3);
    assertThat(byHour[argMax(byHour)] - byHour[argMin(byHour)]).isGreaterThan(450);
  }

  @Test
  void generate_weekendUsers_clearlyBelowWeekdays() {
    double[] users = DEFAULT.activeUsers();
    double weekend = 0;
    double weekday = 0;
    int nWeekend = 0;
    int nWeekday = 0;
    for (int i = 0; i < users.length; i++) {
      DayOfWeek d = dateAt(DEFAULT, i).getDayOfWeek();
      if (d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY) {
        weekend += users[i];
        nWeekend++;
      } else {
        weekday += users[i];
        nWeekday++;
      }
    }
    assertThat(weekday / nWeekday - weekend / nWeekend).isBetween(150.0, 250.0);
  }

  @Test
  void generate_loadFollowsUsers_andResponseFollowsLoad() {
    assertThat(correlation(DEFAULT.activeUsers(), DEFAULT.serverLoad())).isGreaterThan(0.9);
    assertThat(correlation(DEFAULT.serverLoad(), DEFAULT.responseTime())).isGreaterThan(0.5);
  }

  @Test
  void generate_nearCapacity_responseTimeGrowsSuperLinearly() {
    SyntheticUsage u =
        UsageGenerator.generate(UsageProfile.builder().capacityUsers(1400).days(120).build());
    double low = meanResponse(u, 55, 65) - meanResponse(u, 45, 55);
    double high = meanResponse(u, 85, 95) - meanResponse(u, 75, 85);
    assertThat(low).isPositive();
    assertThat(high).isGreaterThan(3 * low);
  }

  @Test
  void generate_holiday_usersFallThatDay() {
    LocalDate holiday = LocalDate.of(2024, 1, 17); // a Wednesday
    SyntheticUsage u =
        UsageGenerator.generate(UsageProfile.builder().days(42).holidays(List.of(holiday)).build());
    double onHoliday = dailyMean(u, holiday);
    double otherWednesdays =
        (dailyMean(u, holiday.minusWeeks(2))
                + dailyMean(u, holiday.minusWeeks(1))
                + dailyMean(u, holiday.plusWeeks(1))
                + dailyMean(u, holiday.plusWeeks(2)))
            / 4;
    assertThat(onHoliday / otherWednesdays).isBetween(0.5, 0.7);
  }

  @Test
  void generate_trend_growsTheLevelLinearly() {
    SyntheticUsage u =
        UsageGenerator.generate(UsageProfile.builder().days(91).trendPercentPer30Days(30).build());
    double firstWeek = mean(u.activeUsers(), 0, 7 * 24);
    double lastWeek = mean(u.activeUsers(), 84 * 24, 91 * 24);
    // Trend factor 1 + 0.3 d/30: about 1.05 over the first week, 1.87 over the last.
    assertThat(lastWeek / firstWeek).isBetween(1.7, 1.85);
  }

  @Test
  void generate_anomalyLabels_pointAtRealSpikes() {
    UsageProfile plain = UsageProfile.builder().days(60).seed(3).build();
    SyntheticUsage base = UsageGenerator.generate(plain);
    SyntheticUsage u = UsageGenerator.generate(plain.toBuilder().anomalies(12).build());
    List<Anomaly> labels = u.anomalies();
    assertThat(labels).hasSize(12);
    assertThat(labels).extracting(Anomaly::kind).contains(Anomaly.Kind.values());
    for (int k = 1; k < labels.size(); k++) {
      assertThat(labels.get(k).fromIndex()).isGreaterThan(labels.get(k - 1).toIndex());
    }
    double[] users = u.activeUsers();
    double[] response = u.responseTime();
    double[] baseUsers = base.activeUsers();
    double[] baseResponse = base.responseTime();
    for (int i = 0; i < u.size(); i++) {
      int at = i;
      Anomaly a = labels.stream().filter(x -> x.contains(at)).findFirst().orElse(null);
      if (a == null) {
        assertThat(users[i]).as("users outside windows, point %d", i).isEqualTo(baseUsers[i]);
        assertThat(response[i])
            .as("response outside windows, point %d", i)
            .isEqualTo(baseResponse[i]);
      } else if (a.kind() == Anomaly.Kind.USERS_SURGE) {
        assertThat(users[i]).isCloseTo(baseUsers[i] * a.factor(), within(a.factor()));
        assertThat(users[i]).isGreaterThanOrEqualTo(1.45 * baseUsers[i]);
      } else {
        assertThat(users[i]).isEqualTo(baseUsers[i]);
        assertThat(response[i]).isCloseTo(baseResponse[i] * a.factor(), within(0.1 * a.factor()));
        assertThat(response[i]).isGreaterThanOrEqualTo(2.9 * baseResponse[i]);
      }
    }
    for (Anomaly a : labels) {
      assertThat(a.start().toEpochMilli()).isEqualTo(u.timeAt(a.fromIndex()));
      assertThat(a.end()).isEqualTo(a.start().plus(u.interval().multipliedBy(a.points())));
      assertThat(a.points()).isBetween(1, 4);
    }
  }

  @Test
  void generate_fiveMinuteInterval_givesTwelvePointsAnHourAndTheSameDailyShape() {
    SyntheticUsage u =
        UsageGenerator.generate(
            UsageProfile.builder().days(28).interval(Duration.ofMinutes(5)).build());
    assertThat(u.size()).isEqualTo(28 * 24 * 12);
    assertThat(u.timeAt(1) - u.timeAt(0)).isEqualTo(300_000L);
    double[] byHour = meanByHour(u);
    assertThat(argMax(byHour)).isBetween(13, 15);
    assertThat(argMin(byHour)).isBetween(1, 3);
  }

  @Test
  void generate_dailyInterval_givesOnePointPerDayAtMidnight() {
    SyntheticUsage u =
        UsageGenerator.generate(
            UsageProfile.builder().days(30).interval(Duration.ofDays(1)).build());
    assertThat(u.size()).isEqualTo(30);
    for (int i = 0; i < u.size(); i++) {
      assertThat(u.timeAt(i) % 86_400_000L).isZero();
    }
  }

  @Test
  void toSeries_givesTheThreeColumnsWithNamesAndUnits() {
    assertThat(DEFAULT.toSeries())
        .extracting(s -> s.name() + "/" + s.unit().orElseThrow() + "/" + s.size())
        .containsExactly("active_users/users/2160", "server_load/%/2160", "response_time/ms/2160");
    assertThat(DEFAULT.toSeries().get(1).valueAt(5)).isEqualTo(DEFAULT.serverLoad()[5]);
  }

  static LocalDate dateAt(SyntheticUsage u, int i) {
    return LocalDateTime.ofEpochSecond(u.timeAt(i) / 1000, 0, ZoneOffset.UTC).toLocalDate();
  }

  static double[] meanByHour(SyntheticUsage u) {
    double[] sum = new double[24];
    int[] count = new int[24];
    double[] users = u.activeUsers();
    for (int i = 0; i < users.length; i++) {
      int h = (int) ((u.timeAt(i) / 3_600_000L) % 24);
      sum[h] += users[i];
      count[h]++;
    }
    for (int h = 0; h < 24; h++) {
      sum[h] /= count[h];
    }
    return sum;
  }

  static double dailyMean(SyntheticUsage u, LocalDate day) {
    double[] users = u.activeUsers();
    double sum = 0;
    int n = 0;
    for (int i = 0; i < users.length; i++) {
      if (dateAt(u, i).equals(day)) {
        sum += users[i];
        n++;
      }
    }
    assertThat(n).as("points on %s", day).isPositive();
    return sum / n;
  }

  static double meanResponse(SyntheticUsage u, double loadFrom, double loadTo) {
    double[] load = u.serverLoad();
    double[] response = u.responseTime();
    double sum = 0;
    int n = 0;
    for (int i = 0; i < load.length; i++) {
      if (load[i] >= loadFrom && load[i] < loadTo) {
        sum += response[i];
        n++;
      }
    }
    assertThat(n).as("points with load in [%s, %s)", loadFrom, loadTo).isGreaterThan(20);
    return sum / n;
  }

  static double mean(double[] x, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += x[i];
    }
    return s / (to - from);
  }

  static double correlation(double[] x, double[] y) {
    double mx = mean(x, 0, x.length);
    double my = mean(y, 0, y.length);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  static int argMax(double[] x) {
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] > x[best]) {
        best = i;
      }
    }
    return best;
  }

  static int argMin(double[] x) {
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] < x[best]) {
        best = i;
      }
    }
    return best;
  }
}
