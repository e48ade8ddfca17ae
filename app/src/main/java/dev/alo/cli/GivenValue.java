package dev.alo.cli;

import dev.alo.engine.csv.CsvWriter;

/** A number the user gave, written back in an error message as it can be read again. */
final class GivenValue {
  private GivenValue() {}

  /** {@code 80}, {@code 99.95}, {@code NaN}, {@code Infinity}: never blank, never {@code 80.0}. */
  static String of(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    return CsvWriter.formatNumber(v);
  }
}
