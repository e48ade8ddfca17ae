package dev.alo.engine.forecast;

import dev.alo.engine.stats.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The default forecaster: scores seasonal naive, ETS, MSTL, theta, ARIMA and seasonal median, and
 * the median and mean of the first five, by rolling-origin validation inside the history (MASE
 * against the history's seasonal naive scale), and forecasts with the best of them. The validation
 * origins are spread so that their windows meet every phase of the longest seasonal cycle the
 * history covers (see {@link #origins}): hourly data ending on a Friday is also validated on a
 * Saturday, so a model that knows only the daily cycle cannot win on weekdays alone. Its interval
 * is the chosen forecast's own interval rescaled toward the width that would have covered the
 * requested share of the validation errors (the geometric mean of that factor and 1).
 */
final class Auto implements Model {
  /** The validation origins when no longer cycle asks for more (a short history gets fewer). */
  private static final int MIN_FOLDS = 3;

  /** The most validation origins (each costs a fit of every member). */
  private static final int MAX_FOLDS = 7;

  private static final int MAX_HISTORY = 2500;
  private static final List<Model> MEMBERS =
      List.of(
          new SeasonalNaive(),
          new Ets(),
          new Mstl(),
          new Theta(),
          new Arima(),
          new SeasonalMedian());

  /** The members whose median and mean are candidates too (the seasonal median is not one). */
  private static final int COMBINED = 5;

  private static final int ETS = 1;
  private static final int MSTL = 2;
  private static final int ARIMA = 4;

  @Override
  public String name() {
    return "auto";
  }

  /** A candidate: a member's index, or a combination of all members. */
  private enum Kind {
    MEMBER,
    MEDIAN,
    MEAN
  }

  private record Candidate(Kind kind, int member) {}

  @Override
  public Prediction predict(double[] history, int horizon, double level, double[] periods) {
    // Recent history is what matters for these models; a bound keeps long fine-grained series
    // (for example months of 5-minute data) affordable.
    double longest = periods.length == 0 ? 1 : periods[periods.length - 1];
    int keep = (int) Math.max(MAX_HISTORY, 3 * longest + MIN_FOLDS * horizon);
    double[] y =
        history.length > keep
            ? Arrays.copyOfRange(history, history.length - keep, history.length)
            : history;
    Prediction out =
        Stats.isConstant(y)
            ? flat(y[y.length - 1], horizon).note("auto: recent history is constant")
            : predictRecent(y, horizon, level, periods);
    if (y.length < history.length) {
      out.note("auto: used the last " + y.length + " of " + history.length + " values");
    }
    return out;
  }

  private Prediction predictRecent(double[] y, int horizon, double level, double[] periods) {
    int n = y.length;
    int m = Periods.primaryOf(periods);
    int scaleLag = n > 2 * m ? m : 1;
    int[] cuts = origins(n, horizon, periods, Math.max(2 * scaleLag + 2, n / 2));
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < MEMBERS.size(); i++) {
      candidates.add(new Candidate(Kind.MEMBER, i));
    }
    candidates.add(new Candidate(Kind.MEDIAN, -1));
    candidates.add(new Candidate(Kind.MEAN, -1));
    Prediction[] full = run(MEMBERS, y, horizon, level, periods);
    if (cuts.length == 0) {
      Prediction p = combine(new Candidate(Kind.MEDIAN, -1), full);
      p.note("auto: series too short to validate: used the median of the members");
      return p;
    }
    // inside the validation windows the ETS forms chosen on the whole history are refitted
    List<Model> refit =
        List.of(
            MEMBERS.get(0),
            new Ets(true, full[ETS].etsSpec),
            new Mstl(full[MSTL].etsSpec),
            MEMBERS.get(3),
            new Arima(full[ARIMA].arimaOrder),
            MEMBERS.get(5));
    double[] score = new double[candidates.size()];
    List<List<double[]>> ratios = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      ratios.add(new ArrayList<>());
    }
    for (int cut : cuts) {
      double[] train = Arrays.copyOf(y, cut);
      double[] actual = Arrays.copyOfRange(y, cut, cut + horizon);
      double scale = Metrics.maseScale(train, Math.min(scaleLag, cut - 1));
      if (!(scale > 0)) {
        scale = 1e-12 + Math.abs(Stats.mean(train));
      }
      Prediction[] preds =
          Stats.isConstant(train) ? null : run(refit, train, horizon, level, periods);
      for (int c = 0; c < candidates.size(); c++) {
        Prediction p =
            preds == null ? flat(train[cut - 1], horizon) : combine(candidates.get(c), preds);
        score[c] += Metrics.mae(actual, p.mean) / scale;
        double[] r = new double[horizon];
        for (int h = 0; h < horizon; h++) {
          double w = (p.upper[h] - p.lower[h]) / 2;
          r[h] = Math.abs(actual[h] - p.mean[h]) / Math.max(w, 1e-9 * scale);
        }
        ratios.get(c).add(r);
      }
    }
    int best = 0;
    for (int c = 1; c < candidates.size(); c++) {
      if (score[c] < score[best]) {
        best = c;
      }
    }
    Prediction p = combine(candidates.get(best), full);
    double[] all = ratios.get(best).stream().flatMapToDouble(Arrays::stream).toArray();
    // The validation quantile of |error| / half-width, shrunk halfway (geometrically) towards the
    // models' own width: a few horizons estimate it noisily, and errors after the history tend to
    // exceed those inside it.
    double factor = Math.sqrt(Quantiles.of(all, level));
    for (int h = 0; h < horizon; h++) {
      double w = (p.upper[h] - p.lower[h]) / 2;
      p.lower[h] = p.mean[h] - factor * w;
      p.upper[h] = p.mean[h] + factor * w;
    }
    p.model = "auto[" + p.model + "]";
    return p;
  }

  /**
   * The validation origins (training lengths), ascending. They step back from the end of the
   * history so that the validation windows, together, meet every phase of the cycle to cover: the
   * longest seasonal period no longer than 7 primary periods or 7 horizons (hourly data: the week,
   * once the history holds two of them; daily data: the week, and the year only from a horizon of
   * 53 days, since validation spread over a year tells little about the next few days). With {@code
   * f} = ceil(cycle / horizon) clamped to 3..7 origins, they are max(horizon, ceil(cycle / f))
   * apart: hourly data with a weekly cycle and a horizon up to a day gets 7 origins a day apart
   * (the forecast's time of day on each of the last 7 days), a 2-day horizon 4 origins 2 days
   * apart, a history under two weeks 3 origins a horizon apart. Origins leaving fewer than {@code
   * minTrain} values to train on are left out.
   */
  static int[] origins(int n, int horizon, double[] periods, int minTrain) {
    int primary = Periods.primaryOf(periods);
    int cycle = 1;
    for (double p : periods) {
      if (p <= (double) MAX_FOLDS * Math.max(horizon, primary)) {
        cycle = (int) Math.round(p);
      }
    }
    int folds = Math.min(MAX_FOLDS, Math.max(MIN_FOLDS, Math.ceilDiv(cycle, horizon)));
    int step = Math.max(horizon, Math.ceilDiv(cycle, folds));
    int k = 0;
    while (k < folds && n - (k + 1) * step >= minTrain) {
      k++;
    }
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = n - (k - i) * step;
    }
    return out;
  }

  private static Prediction[] run(
      List<Model> members, double[] y, int horizon, double level, double[] periods) {
    Prediction[] out = new Prediction[members.size()];
    for (int i = 0; i < out.length; i++) {
      Prediction p = members.get(i).predict(y, horizon, level, periods);
      if (!p.isFinite()) {
        // a member that breaks down on this series is replaced by seasonal naive, said in a note
        Prediction sn = SeasonalNaive.forecast(y, horizon, level, snaivePeriod(y.length, periods));
        sn.note("auto: " + p.model + " gave non-finite values: replaced by " + sn.model);
        p = sn;
      }
      out[i] = p;
    }
    return out;
  }

  private static int snaivePeriod(int n, double[] periods) {
    int m = Periods.primaryOf(periods);
    return n > m ? m : 1;
  }

  private static Prediction flat(double v, int horizon) {
    double[] f = new double[horizon];
    Arrays.fill(f, v);
    return new Prediction("constant", f, f.clone(), f.clone());
  }

  private static Prediction combine(Candidate c, Prediction[] all) {
    if (c.kind() == Kind.MEMBER) {
      Prediction src = all[c.member()];
      Prediction p =
          new Prediction(src.model, src.mean.clone(), src.lower.clone(), src.upper.clone());
      p.components.putAll(src.components);
      p.notes.addAll(src.notes);
      return p;
    }
    Prediction[] preds = Arrays.copyOf(all, COMBINED);
    int h = preds[0].mean.length;
    double[] mean = new double[h];
    double[] lo = new double[h];
    double[] hi = new double[h];
    double[] col = new double[preds.length];
    double[] colLo = new double[preds.length];
    double[] colHi = new double[preds.length];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < preds.length; j++) {
        col[j] = preds[j].mean[i];
        colLo[j] = preds[j].mean[i] - preds[j].lower[i];
        colHi[j] = preds[j].upper[i] - preds[j].mean[i];
      }
      mean[i] = c.kind() == Kind.MEDIAN ? Stats.median(col) : Stats.mean(col);
      lo[i] = mean[i] - Stats.mean(colLo);
      hi[i] = mean[i] + Stats.mean(colHi);
    }
    StringBuilder label = new StringBuilder(c.kind() == Kind.MEDIAN ? "median(" : "mean(");
    for (int j = 0; j < preds.length; j++) {
      label.append(j > 0 ? "," : "").append(preds[j].model);
    }
    Prediction p = new Prediction(label.append(')').toString(), mean, lo, hi);
    for (Prediction q : preds) {
      p.notes.addAll(q.notes);
    }
    return p;
  }
}
