package dev.alo.engine.forecast.prophet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.optim.Lbfgs;
import dev.alo.engine.forecast.optim.OptimumResult;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProphetModelTest {
  static final long HOUR = 3_600_000L;
  static final long DAY = 86_400_000L;
  static final long START =
      LocalDate.of(2024, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();

  static long[] grid(long start, long step, int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = start + i * step;
    }
    return t;
  }

  /** Hourly load: level + slope + daily and weekly cycles + noise. */
  static double[] hourlyLoad(long[] t, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] y = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      double days = t[i] / (double) DAY;
      y[i] =
          50
              + 0.01 * i
              + 10 * Math.sin(2 * Math.PI * days)
              + 4 * Math.cos(2 * Math.PI * days / 7)
              + random.nextGaussian();
    }
    return y;
  }

  @Test
  void changepoints_hundredRows_followRsRoundedGridOverFirstEightyPercent() {
    double[] t = new double[100];
    for (int i = 0; i < 100; i++) {
      t[i] = i / 99.0;
    }
    double[] cps = ProphetModel.changepoints(t, 25, 0.8);
    assertThat(cps).hasSize(25);
    // 1-based positions round(1 + j * 79/25): j=1 -> 4.16 -> 4, j=2 -> 7.32 -> 7, j=25 -> 80
    assertThat(cps[0]).isEqualTo(t[3]);
    assertThat(cps[1]).isEqualTo(t[6]);
    assertThat(cps[12]).isEqualTo(t[(int) Math.rint(1 + 13 * 79 / 25.0) - 1]);
    assertThat(cps[24]).isEqualTo(t[79]);
  }

  @Test
  void changepoints_fewRows_useOneFewerThanEightyPercentOfRows() {
    double[] t = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0};
    // hist.size = floor(10 * 0.8) = 8 -> 7 changepoints at rows 2..8 (1-based)
    assertThat(ProphetModel.changepoints(t, 25, 0.8))
        .containsExactly(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7);
  }

  @Test
  void changepoints_twoRows_fallBackToProphetsDummyAtZero() {
    assertThat(ProphetModel.changepoints(new double[] {0, 1}, 25, 0.8)).containsExactly(0.0);
  }

  @Test
  void features_fourierColumns_matchHandComputedSinCosInterleaved() {
    SeasonalFeatures f =
        SeasonalFeatures.of(
            List.of(new SeasonalFeatures.Seasonality("weekly", 7, 2, 10)), List.of(), 10);
    // 1.75 days after the epoch: weekly angle 2*pi*1.75/7 = pi/2; order 2: pi
    double[] x = f.matrix(new long[] {0, (long) (1.75 * DAY)});
    assertThat(f.columns()).isEqualTo(4);
    assertThat(x[0]).isCloseTo(0.0, within(1e-15));
    assertThat(x[1]).isCloseTo(1.0, within(1e-15));
    assertThat(x[4]).isCloseTo(1.0, within(1e-15)); // sin(pi/2)
    assertThat(x[5]).isCloseTo(0.0, within(1e-15)); // cos(pi/2)
    assertThat(x[6]).isCloseTo(0.0, within(1e-15)); // sin(pi)
    assertThat(x[7]).isCloseTo(-1.0, within(1e-15)); // cos(pi)
  }

  @Test
  void features_yearlyOrderTen_useDaysSinceEpochOverPeriod365Point25() {
    long day = 20_000L * DAY;
    SeasonalFeatures f =
        ProphetModel.features(
            new long[] {0, 800 * DAY},
            ProphetOptions.builder().weekly(SeasonalityToggle.OFF).build());
    assertThat(f.columns()).isEqualTo(20);
    double[] x = f.matrix(new long[] {day});
    double angle = 2 * 3 * Math.PI * 20_000.0 / 365.25;
    assertThat(x[4]).isCloseTo(Math.sin(angle), within(1e-12));
    assertThat(x[5]).isCloseTo(Math.cos(angle), within(1e-12));
  }

  @Test
  void features_autoRules_followHistorySpanAndSpacing() {
    ProphetOptions o = ProphetOptions.defaults();
    assertThat(names(ProphetModel.features(grid(START, DAY, 731), o)))
        .containsExactly("yearly", "weekly");
    assertThat(names(ProphetModel.features(grid(START, DAY, 730), o))).containsExactly("weekly");
    assertThat(names(ProphetModel.features(grid(START, HOUR, 24 * 21), o)))
        .containsExactly("weekly", "daily");
    assertThat(names(ProphetModel.features(grid(START, HOUR, 36), o))).isEmpty();
    assertThat(names(ProphetModel.features(grid(START, 7 * DAY, 200), o)))
        .containsExactly("yearly");
  }

  private static List<String> names(SeasonalFeatures f) {
    return f.blocks().stream().map(SeasonalFeatures.Block::name).toList();
  }

  @Test
  void objective_gradient_matchesFiniteDifferencesForEveryGrowthAndMode() {
    long[] ms = grid(START, HOUR, 300);
    double[] y = hourlyLoad(ms, 5);
    int n = ms.length;
    double[] t = new double[n];
    double[] ys = new double[n];
    double[] cap = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i / (n - 1.0);
      ys[i] = y[i] / 80;
      cap[i] = 1.2;
    }
    SeasonalFeatures f = ProphetModel.features(ms, ProphetOptions.defaults());
    double[] x = f.matrix(ms);
    double[] cps = ProphetModel.changepoints(t, 25, 0.8);
    for (Growth growth : Growth.values()) {
      for (boolean mult : new boolean[] {false, true}) {
        boolean[] m = new boolean[f.columns()];
        java.util.Arrays.fill(m, mult);
        ProphetObjective obj =
            new ProphetObjective(growth, t, ys, cap, x, f.columns(), f.priorScales(), m, cps, 0.05);
        SplittableRandom random = new SplittableRandom(9);
        double[] p = new double[obj.dimension()];
        for (int i = 0; i < p.length; i++) {
          p[i] = 0.05 * random.nextGaussian();
        }
        p[0] = 0.8;
        p[1] = 0.3;
        double[] g = new double[p.length];
        obj.valueAndGradient(p, g);
        for (int i = 0; i < p.length; i++) {
          double h = 1e-6;
          double[] a = p.clone();
          double[] b = p.clone();
          a[i] += h;
          b[i] -= h;
          double fd =
              (obj.valueAndGradient(a, new double[p.length])
                      - obj.valueAndGradient(b, new double[p.length]))
                  / (2 * h);
          assertThat(g[i])
              .as("%s mult=%s d/dp[%d]", growth, mult, i)
              .isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
        }
      }
    }
  }

  @Test
  void fit_mapOptimum_cannotBeImprovedByLbfgsStartedThere() {
    long[] ms = grid(START, HOUR, 500);
    double[] y = hourlyLoad(ms, 1);
    FittedProphet fit = ProphetModel.withDefaults().fit(ms, y);
    FittedProphet.Parameters p = fit.parameters();
    double yScale = p.yScale();
    int n = ms.length;
    double[] t = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i / (n - 1.0);
      ys[i] = y[i] / yScale;
    }
    SeasonalFeatures f = ProphetModel.features(ms, ProphetOptions.defaults());
    double[] cps = ProphetModel.changepoints(t, 25, 0.8);
    ProphetObjective obj =
        new ProphetObjective(
            Growth.LINEAR,
            t,
            ys,
            new double[n],
            f.matrix(ms),
            f.columns(),
            f.priorScales(),
            new boolean[f.columns()],
            cps,
            0.05);
    double[] start = new double[obj.dimension()];
    start[0] = p.k();
    start[1] = p.m();
    System.arraycopy(p.delta(), 0, start, 2, cps.length);
    start[obj.sigmaIndex()] = Math.log(p.sigmaObs());
    System.arraycopy(p.beta(), 0, start, obj.betaIndex(), p.beta().length);
    double[] l1 = obj.l1Weights();
    double atMap = obj.valueAndGradient(start, new double[start.length]);
    for (int j = 0; j < l1.length; j++) {
      atMap += l1[j] * Math.abs(start[j]);
    }
    OptimumResult polished = Lbfgs.tight().minimize(obj, start, l1);
    assertThat(polished.value()).isGreaterThanOrEqualTo(atMap - 1e-9 * Math.abs(atMap));
  }

  @Test
  void predict_sameSeed_isIdenticalAndOtherSeedDiffers() {
    long[] ms = grid(START, HOUR, 400);
    double[] y = hourlyLoad(ms, 2);
    long[] future = grid(START + 400 * HOUR, HOUR, 48);
    ProphetForecast a = ProphetModel.withDefaults().fit(ms, y).predict(future);
    ProphetForecast b = ProphetModel.withDefaults().fit(ms, y).predict(future);
    ProphetForecast c =
        ProphetModel.of(ProphetOptions.builder().seed(99).build()).fit(ms, y).predict(future);
    assertThat(a.yhatLower()).containsExactly(b.yhatLower());
    assertThat(a.yhatUpper()).containsExactly(b.yhatUpper());
    assertThat(a.yhat()).containsExactly(c.yhat());
    assertThat(a.yhatUpper()).isNotEqualTo(c.yhatUpper());
  }

  @Test
  void predict_intervals_bracketYhatAndWidenWithHorizon() {
    long[] ms = grid(START, HOUR, 600);
    double[] y = hourlyLoad(ms, 3);
    long[] future = grid(START + 600 * HOUR, HOUR, 24 * 14);
    ProphetForecast f = ProphetModel.withDefaults().fit(ms, y).predict(future);
    for (int i = 0; i < f.size(); i++) {
      assertThat(f.yhatLower()[i]).isLessThan(f.yhat()[i]);
      assertThat(f.yhatUpper()[i]).isGreaterThan(f.yhat()[i]);
    }
    double first = f.yhatUpper()[0] - f.yhatLower()[0];
    double last = f.yhatUpper()[f.size() - 1] - f.yhatLower()[f.size() - 1];
    assertThat(last).isGreaterThan(first);
    // 80% of Normal(0, 1) noise: about 2 * 1.2816 wide at the first step
    assertThat(first).isCloseTo(2 * 1.2816, within(0.6));
  }

  @Test
  void fit_missingValues_areDroppedLikeProphet() {
    long[] ms = grid(START, HOUR, 300);
    double[] y = hourlyLoad(ms, 4);
    double[] gappy = y.clone();
    for (int i = 10; i < 300; i += 7) {
      gappy[i] = Double.NaN;
    }
    int kept = 0;
    for (double v : gappy) {
      kept += Double.isNaN(v) ? 0 : 1;
    }
    long[] keptMs = new long[kept];
    double[] keptY = new double[kept];
    for (int i = 0, j = 0; i < 300; i++) {
      if (!Double.isNaN(gappy[i])) {
        keptMs[j] = ms[i];
        keptY[j++] = gappy[i];
      }
    }
    long[] future = grid(START + 300 * HOUR, HOUR, 24);
    ProphetForecast withGaps = ProphetModel.withDefaults().fit(ms, gappy).predict(future);
    ProphetForecast without = ProphetModel.withDefaults().fit(keptMs, keptY).predict(future);
    assertThat(withGaps.yhat()).containsExactly(without.yhat());
    assertThat(withGaps.yhat()[0]).isFinite();
  }

  @Test
  void fit_lessThanTwoValues_failsNamingTheCount() {
    assertThatThrownBy(
            () ->
                ProphetModel.withDefaults().fit(new long[] {0, HOUR}, new double[] {1, Double.NaN}))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("1 non-missing");
  }

  @Test
  void fit_constantSeries_forecastsTheConstant() {
    long[] ms = grid(START, HOUR, 100);
    double[] y = new double[100];
    java.util.Arrays.fill(y, 7.5);
    ProphetForecast f =
        ProphetModel.withDefaults().fit(ms, y).predict(grid(START + 100 * HOUR, HOUR, 5));
    for (double v : f.yhat()) {
      assertThat(v).isCloseTo(7.5, within(1e-12));
    }
  }

  @Test
  void fit_noiselessStraightLine_extrapolatesTheLine() {
    long[] ms = grid(START, DAY, 60);
    double[] y = new double[60];
    for (int i = 0; i < 60; i++) {
      y[i] = 3 + 0.5 * i;
    }
    ProphetOptions o = ProphetOptions.builder().weekly(SeasonalityToggle.OFF).build();
    ProphetForecast f = ProphetModel.of(o).fit(ms, y).predict(grid(START + 60 * DAY, DAY, 10));
    for (int h = 0; h < 10; h++) {
      assertThat(f.yhat()[h]).isCloseTo(3 + 0.5 * (60 + h), within(1e-3));
      assertThat(f.yhatUpper()[h]).isFinite();
    }
  }

  @Test
  void logisticGrowth_saturatesBelowTheCap() {
    long[] ms = grid(START, DAY, 400);
    double[] y = new double[400];
    SplittableRandom random = new SplittableRandom(6);
    for (int i = 0; i < 400; i++) {
      y[i] = 10 + 90 / (1 + Math.exp(-(i - 150) / 30.0)) + random.nextGaussian();
    }
    ProphetOptions o = ProphetOptions.builder().growth(Growth.LOGISTIC).cap(100).build();
    ProphetForecast f = ProphetModel.of(o).fit(ms, y).predict(grid(START, DAY, 800));
    for (int i = 0; i < 800; i++) {
      assertThat(f.trend()[i]).isLessThanOrEqualTo(100.0);
    }
    assertThat(f.trend()[799]).isGreaterThan(90);
    assertThat(f.trend()[100]).isCloseTo(10 + 90 / (1 + Math.exp(50 / 30.0)), within(6.0));
  }

  @Test
  void logisticGrowth_withFloor_staysAboveTheFloor() {
    long[] ms = grid(START, DAY, 300);
    double[] y = new double[300];
    for (int i = 0; i < 300; i++) {
      y[i] = 20 + 60 / (1 + Math.exp((i - 150) / 25.0)) + Math.sin(i);
    }
    ProphetOptions o = ProphetOptions.builder().growth(Growth.LOGISTIC).cap(85).floor(18).build();
    ProphetForecast f = ProphetModel.of(o).fit(ms, y).predict(grid(START, DAY, 600));
    for (double v : f.trend()) {
      assertThat(v).isBetween(18.0, 85.0);
    }
    assertThat(f.trend()[599]).isLessThan(25);
  }

  @Test
  void flatGrowth_hasConstantTrend() {
    long[] ms = grid(START, HOUR, 24 * 20);
    double[] y = hourlyLoad(ms, 8);
    ProphetOptions o = ProphetOptions.builder().growth(Growth.FLAT).build();
    ProphetForecast f = ProphetModel.of(o).fit(ms, y).predict(grid(START, HOUR, 24 * 30));
    for (double v : f.trend()) {
      assertThat(v).isEqualTo(f.trend()[0]);
    }
    assertThat(f.component("daily")).isPresent();
  }

  @Test
  void multiplicativeMode_scalesSeasonalityWithTheTrend() {
    long[] ms = grid(START, HOUR, 24 * 28);
    double[] y = new double[ms.length];
    SplittableRandom noise = new SplittableRandom(21);
    for (int i = 0; i < y.length; i++) {
      double level = 20 + 0.1 * i;
      y[i] = level * (1 + 0.3 * Math.sin(2 * Math.PI * i / 24.0)) + 0.2 * noise.nextGaussian();
    }
    ProphetOptions o =
        ProphetOptions.builder().seasonalityMode(SeasonalityMode.MULTIPLICATIVE).build();
    FittedProphet fit = ProphetModel.of(o).fit(ms, y);
    assertThat(fit.parameters().iterations()).isLessThan(100);
    ProphetForecast f = fit.predict(ms);
    double[] mult = f.component("multiplicative_terms").orElseThrow();
    double[] add = f.component("additive_terms").orElseThrow();
    double maxMult = 0;
    for (int i = 0; i < ms.length; i++) {
      assertThat(add[i]).isEqualTo(0.0);
      assertThat(f.yhat()[i]).isCloseTo(f.trend()[i] * (1 + mult[i]), within(1e-9));
      maxMult = Math.max(maxMult, mult[i]);
    }
    assertThat(maxMult).isCloseTo(0.3, within(0.05));
    assertThat(f.yhat()[100]).isCloseTo(y[100], within(1.0));
  }

  @Test
  void holidays_windowFeaturesCaptureTheEventEffect() {
    long[] ms = grid(START, DAY, 400);
    double[] y = hourlyLoadDaily(ms);
    List<LocalDate> dates =
        List.of(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 7, 4), LocalDate.of(2024, 11, 20));
    for (LocalDate d : dates) {
      int i = (int) ((d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - START) / DAY);
      y[i] += 30;
      y[i + 1] += 10;
    }
    ProphetOptions o =
        ProphetOptions.builder().holidays(List.of(Holiday.of("event", dates, 0, 1))).build();
    ProphetForecast f = ProphetModel.of(o).fit(ms, y).predict(ms);
    double[] event = f.component("event").orElseThrow();
    double[] all = f.component("holidays").orElseThrow();
    int day =
        (int)
            ((LocalDate.of(2024, 7, 4).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli()
                    - START)
                / DAY);
    assertThat(event[day]).isCloseTo(30, within(3.0));
    assertThat(event[day + 1]).isCloseTo(10, within(3.0));
    assertThat(event[day + 5]).isEqualTo(0.0);
    assertThat(all[day]).isEqualTo(event[day]);
  }

  private static double[] hourlyLoadDaily(long[] ms) {
    SplittableRandom random = new SplittableRandom(12);
    double[] y = new double[ms.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = 100 + 0.05 * i + 5 * Math.sin(2 * Math.PI * i / 7.0) + random.nextGaussian();
    }
    return y;
  }

  @Test
  void options_invalidValues_areRejectedWithTheSetting() {
    assertThatThrownBy(() -> ProphetOptions.builder().changepointPriorScale(0).build())
        .isInstanceOf(InputException.class)
        .hasMessageContaining("changepoint prior scale 0.0");
    assertThatThrownBy(() -> ProphetOptions.builder().growth(Growth.LOGISTIC).build())
        .isInstanceOf(InputException.class)
        .hasMessageContaining("capacity");
    assertThatThrownBy(() -> ProphetOptions.builder().intervalWidth(1.2).build())
        .isInstanceOf(InputException.class)
        .hasMessageContaining("interval width 1.2");
  }
}
