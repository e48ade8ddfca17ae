package dev.alo.engine.anomaly;

/**
 * One anomalous point.
 *
 * @param index position in the analysed series
 * @param time epoch milliseconds
 * @param value the observed value
 * @param expected what the detector expected (NaN when the detector has no expectation)
 * @param lower lower bound of the normal band (NaN when the detector has no band)
 * @param upper upper bound of the normal band (NaN when the detector has no band)
 * @param score how anomalous: larger is more anomalous; comparable across series of one detector
 * @param kind which test flagged the point
 */
public record AnomalyPoint(
    int index,
    long time,
    double value,
    double expected,
    double lower,
    double upper,
    double score,
    Kind kind) {

  /** Which test flagged a point. */
  public enum Kind {
    /** The value lies outside the detector's band. */
    BAND,
    /** A CUSUM test on the forecast residuals found a sustained shift or drift ending here. */
    DRIFT,
    /** An isolation forest isolated the point among the fastest. */
    ISOLATION;

    /** The lower-case name used in tables and JSON. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
