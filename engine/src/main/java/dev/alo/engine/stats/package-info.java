/**
 * Small statistical building blocks shared across the engine: seeded random draws that are the same
 * on every JDK ({@link dev.alo.engine.stats.SeededRandom}) and sample quantiles ({@link
 * dev.alo.engine.stats.Quantiles}).
 */
@NullMarked
package dev.alo.engine.stats;

import org.jspecify.annotations.NullMarked;
