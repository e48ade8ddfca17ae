package dev.alo.engine.forecast.prophet;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The regressor matrix of a Prophet model: Fourier terms of each enabled seasonality (sin, cos per
 * order, as Prophet's fourier_series; time in days since 1970-01-01 UTC) followed by one indicator
 * column per holiday and window offset. Seasonal features are not standardised, exactly as in
 * Prophet.
 */
final class SeasonalFeatures {
  static final double MILLIS_PER_DAY = 86_400_000.0;

  /** A group of columns forming one named component. */
  record Block(
      String name,
      boolean holiday,
      double periodDays,
      int order,
      int firstColumn,
      int width,
      double priorScale,
      Set<Long> occurrenceDays,
      int lowerWindow) {}

  private final List<Block> blocks;
  private final int columns;
  private final double[] priorScales;

  private SeasonalFeatures(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
    int k = 0;
    for (Block b : blocks) {
      k += b.width();
    }
    this.columns = k;
    this.priorScales = new double[k];
    for (Block b : blocks) {
      for (int j = 0; j < b.width(); j++) {
        priorScales[b.firstColumn() + j] = b.priorScale();
      }
    }
  }

  /** Builds the column layout: seasonalities in the given order, then holidays. */
  static SeasonalFeatures of(
      List<Seasonality> seasonalities, List<Holiday> holidays, double holidaysPriorScale) {
    List<Block> blocks = new ArrayList<>();
    int col = 0;
    for (Seasonality s : seasonalities) {
      blocks.add(
          new Block(
              s.name(),
              false,
              s.periodDays(),
              s.order(),
              col,
              2 * s.order(),
              s.priorScale(),
              Set.of(),
              0));
      col += 2 * s.order();
    }
    for (Holiday h : holidays) {
      Set<Long> days = new HashSet<>();
      for (LocalDate d : h.dates()) {
        days.add(d.toEpochDay());
      }
      int width = h.upperWindow() - h.lowerWindow() + 1;
      blocks.add(
          new Block(
              h.name(),
              true,
              Double.NaN,
              0,
              col,
              width,
              h.priorScale().orElse(holidaysPriorScale),
              Set.copyOf(days),
              h.lowerWindow()));
      col += width;
    }
    return new SeasonalFeatures(blocks);
  }

  /** A seasonality: name, period in days, Fourier order, prior scale. */
  record Seasonality(String name, double periodDays, int order, double priorScale) {}

  List<Block> blocks() {
    return blocks;
  }

  int columns() {
    return columns;
  }

  double[] priorScales() {
    return priorScales.clone();
  }

  /** The features of the given instants, row-major (row i at [i*columns, (i+1)*columns)). */
  double[] matrix(long[] epochMillis) {
    int n = epochMillis.length;
    double[] x = new double[n * columns];
    for (Block b : blocks) {
      if (b.holiday()) {
        for (int i = 0; i < n; i++) {
          long day = Math.floorDiv(epochMillis[i], 86_400_000L);
          for (int j = 0; j < b.width(); j++) {
            long offset = (long) b.lowerWindow() + j;
            if (b.occurrenceDays().contains(day - offset)) {
              x[i * columns + b.firstColumn() + j] = 1.0;
            }
          }
        }
      } else {
        for (int i = 0; i < n; i++) {
          double t = epochMillis[i] / MILLIS_PER_DAY;
          int base = i * columns + b.firstColumn();
          for (int order = 1; order <= b.order(); order++) {
            double angle = 2.0 * order * Math.PI * t / b.periodDays();
            x[base + 2 * (order - 1)] = Math.sin(angle);
            x[base + 2 * (order - 1) + 1] = Math.cos(angle);
          }
        }
      }
    }
    return x;
  }
}
