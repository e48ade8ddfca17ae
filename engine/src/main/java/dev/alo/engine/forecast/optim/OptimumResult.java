package dev.alo.engine.forecast.optim;

/**
 * The outcome of a minimisation.
 *
 * @param point the minimiser found
 * @param value the objective there (smooth part plus the L1 terms)
 * @param iterations quasi-Newton iterations taken
 * @param evaluations function evaluations
 * @param converged whether a convergence test (rather than the iteration limit) stopped it
 */
@SuppressWarnings("ArrayRecordComponent") // plain numeric results, read-only by contract
public record OptimumResult(
    double[] point, double value, int iterations, int evaluations, boolean converged) {}
