package dev.alo.engine.anomaly;

/**
 * A run of consecutive anomalous points (no normal observation between them).
 *
 * @param start time of the first point, epoch milliseconds
 * @param end time of the last point, epoch milliseconds
 * @param firstIndex index of the first point in the series
 * @param lastIndex index of the last point in the series
 * @param points number of anomalous points in the run
 * @param maxScore the largest score in the run
 */
public record AnomalyWindow(
    long start, long end, int firstIndex, int lastIndex, int points, double maxScore) {}
