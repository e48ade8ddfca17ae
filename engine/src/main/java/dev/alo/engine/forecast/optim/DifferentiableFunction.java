package dev.alo.engine.forecast.optim;

/** A smooth objective: returns f(x) and writes its exact gradient into {@code gradient}. */
@FunctionalInterface
public interface DifferentiableFunction {
  /**
   * Evaluates the function.
   *
   * @param x the point (not modified)
   * @param gradient receives df/dx, same length as x
   * @return f(x)
   */
  double valueAndGradient(double[] x, double[] gradient);
}
