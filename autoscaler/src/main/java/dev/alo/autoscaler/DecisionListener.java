package dev.alo.autoscaler;

/**
 * Told of every control interval's decision, with its reason and what was applied: the CLI prints
 * it, a service or dashboard may subscribe. Called on the loop's thread; must not block for long.
 */
@FunctionalInterface
public interface DecisionListener {
  void onStep(ControlStep step);
}
