package dev.alo.engine.forecast.prophet;

import dev.alo.engine.InputException;
import java.util.List;

/**
 * Prophet's settings, with Prophet's defaults ({@link #defaults()}, {@link #builder()}).
 *
 * @param growth trend shape
 * @param cap capacity for logistic growth (in y units; NaN unless logistic)
 * @param floor saturating minimum for logistic growth (0 = Prophet without a floor column)
 * @param seasonalityMode additive or multiplicative seasonalities and holidays
 * @param changepointPriorScale Laplace scale of the trend rate changes (0.05)
 * @param seasonalityPriorScale Normal scale of the Fourier coefficients (10)
 * @param holidaysPriorScale Normal scale of the holiday effects (10)
 * @param changepoints number of potential changepoints (25)
 * @param changepointRange share of the history in which changepoints are placed (0.8)
 * @param yearly yearly seasonality (auto)
 * @param weekly weekly seasonality (auto)
 * @param daily daily seasonality (auto)
 * @param yearlyOrder Fourier order of the yearly seasonality (10)
 * @param weeklyOrder Fourier order of the weekly seasonality (3)
 * @param dailyOrder Fourier order of the daily seasonality (4)
 * @param intervalWidth width of the prediction interval (0.8)
 * @param uncertaintySamples simulated paths for the interval (1000; 0 = no interval)
 * @param seed seed of the simulation, so that intervals are reproducible
 * @param holidays holidays/events with their windows
 */
public record ProphetOptions(
    Growth growth,
    double cap,
    double floor,
    SeasonalityMode seasonalityMode,
    double changepointPriorScale,
    double seasonalityPriorScale,
    double holidaysPriorScale,
    int changepoints,
    double changepointRange,
    SeasonalityToggle yearly,
    SeasonalityToggle weekly,
    SeasonalityToggle daily,
    int yearlyOrder,
    int weeklyOrder,
    int dailyOrder,
    double intervalWidth,
    int uncertaintySamples,
    long seed,
    List<Holiday> holidays) {

  /** Validates every setting; a bad value is an {@link InputException} naming it. */
  public ProphetOptions {
    positive("changepoint prior scale", changepointPriorScale);
    positive("seasonality prior scale", seasonalityPriorScale);
    positive("holidays prior scale", holidaysPriorScale);
    if (changepoints < 0) {
      throw new InputException(
          "number of changepoints " + changepoints + " is negative; expected >= 0");
    }
    if (!(changepointRange > 0 && changepointRange <= 1)) {
      throw new InputException(
          "changepoint range " + changepointRange + " out of range; expected 0 < range <= 1");
    }
    if (yearlyOrder < 1 || weeklyOrder < 1 || dailyOrder < 1) {
      throw new InputException(
          "Fourier orders (yearly "
              + yearlyOrder
              + ", weekly "
              + weeklyOrder
              + ", daily "
              + dailyOrder
              + ") must each be >= 1");
    }
    if (!(intervalWidth > 0 && intervalWidth < 1)) {
      throw new InputException(
          "interval width " + intervalWidth + " out of range; expected 0 < width < 1 (0.8 = 80%)");
    }
    if (uncertaintySamples < 0) {
      throw new InputException(
          "uncertainty samples " + uncertaintySamples + " is negative; expected >= 0");
    }
    if (!Double.isFinite(floor)) {
      throw new InputException("floor " + floor + " is not a finite number");
    }
    if (growth == Growth.LOGISTIC && !(Double.isFinite(cap) && cap > floor)) {
      throw new InputException(
          "logistic growth needs a capacity above the floor: cap " + cap + ", floor " + floor);
    }
    holidays = List.copyOf(holidays);
  }

  private static void positive(String what, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new InputException(what + " " + v + " must be a positive finite number");
    }
  }

  /**
   * Prophet's defaults: linear growth, additive, 25 changepoints, 80% intervals from 1000 paths.
   */
  public static ProphetOptions defaults() {
    return builder().build();
  }

  /** A builder starting from Prophet's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.growth = growth;
    b.cap = cap;
    b.floor = floor;
    b.seasonalityMode = seasonalityMode;
    b.changepointPriorScale = changepointPriorScale;
    b.seasonalityPriorScale = seasonalityPriorScale;
    b.holidaysPriorScale = holidaysPriorScale;
    b.changepoints = changepoints;
    b.changepointRange = changepointRange;
    b.yearly = yearly;
    b.weekly = weekly;
    b.daily = daily;
    b.yearlyOrder = yearlyOrder;
    b.weeklyOrder = weeklyOrder;
    b.dailyOrder = dailyOrder;
    b.intervalWidth = intervalWidth;
    b.uncertaintySamples = uncertaintySamples;
    b.seed = seed;
    b.holidays = holidays;
    return b;
  }

  /** Mutable builder of {@link ProphetOptions}; every setter returns this builder. */
  public static final class Builder {
    private Growth growth = Growth.LINEAR;
    private double cap = Double.NaN;
    private double floor = 0;
    private SeasonalityMode seasonalityMode = SeasonalityMode.ADDITIVE;
    private double changepointPriorScale = 0.05;
    private double seasonalityPriorScale = 10;
    private double holidaysPriorScale = 10;
    private int changepoints = 25;
    private double changepointRange = 0.8;
    private SeasonalityToggle yearly = SeasonalityToggle.AUTO;
    private SeasonalityToggle weekly = SeasonalityToggle.AUTO;
    private SeasonalityToggle daily = SeasonalityToggle.AUTO;
    private int yearlyOrder = 10;
    private int weeklyOrder = 3;
    private int dailyOrder = 4;
    private double intervalWidth = 0.8;
    private int uncertaintySamples = 1000;
    private long seed = 0;
    private List<Holiday> holidays = List.of();

    private Builder() {}

    public Builder growth(Growth v) {
      growth = v;
      return this;
    }

    public Builder cap(double v) {
      cap = v;
      return this;
    }

    public Builder floor(double v) {
      floor = v;
      return this;
    }

    public Builder seasonalityMode(SeasonalityMode v) {
      seasonalityMode = v;
      return this;
    }

    public Builder changepointPriorScale(double v) {
      changepointPriorScale = v;
      return this;
    }

    public Builder seasonalityPriorScale(double v) {
      seasonalityPriorScale = v;
      return this;
    }

    public Builder holidaysPriorScale(double v) {
      holidaysPriorScale = v;
      return this;
    }

    public Builder changepoints(int v) {
      changepoints = v;
      return this;
    }

    public Builder changepointRange(double v) {
      changepointRange = v;
      return this;
    }

    public Builder yearly(SeasonalityToggle v) {
      yearly = v;
      return this;
    }

    public Builder weekly(SeasonalityToggle v) {
      weekly = v;
      return this;
    }

    public Builder daily(SeasonalityToggle v) {
      daily = v;
      return this;
    }

    public Builder yearlyOrder(int v) {
      yearlyOrder = v;
      return this;
    }

    public Builder weeklyOrder(int v) {
      weeklyOrder = v;
      return this;
    }

    public Builder dailyOrder(int v) {
      dailyOrder = v;
      return this;
    }

    public Builder intervalWidth(double v) {
      intervalWidth = v;
      return this;
    }

    public Builder uncertaintySamples(int v) {
      uncertaintySamples = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder holidays(List<Holiday> v) {
      holidays = v;
      return this;
    }

    /** Builds and validates. */
    public ProphetOptions build() {
      return new ProphetOptions(
          growth,
          cap,
          floor,
          seasonalityMode,
          changepointPriorScale,
          seasonalityPriorScale,
          holidaysPriorScale,
          changepoints,
          changepointRange,
          yearly,
          weekly,
          daily,
          yearlyOrder,
          weeklyOrder,
          dailyOrder,
          intervalWidth,
          uncertaintySamples,
          seed,
          holidays);
    }
  }
}
