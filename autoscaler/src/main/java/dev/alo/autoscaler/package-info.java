/**
 * The live autoscaler: a control loop ({@link dev.alo.autoscaler.AutoscaleLoop}) that every control
 * interval reads a load metric ({@link dev.alo.autoscaler.MetricSource}), asks one of the engine's
 * scaling policies and applies its decision to a {@link dev.alo.autoscaler.ScalingTarget}, telling
 * {@link dev.alo.autoscaler.DecisionListener}s what it decided and why. Time enters as an injected
 * clock; the loop is stepped by a scheduler in production and by hand in tests.
 */
@NullMarked
package dev.alo.autoscaler;

import org.jspecify.annotations.NullMarked;
