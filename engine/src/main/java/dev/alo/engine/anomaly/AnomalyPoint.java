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
 */
public record AnomalyPoint(
    int index,
    long time,
    double value,
    double expected,
    double lower,
    double upper,
    double score) {}
