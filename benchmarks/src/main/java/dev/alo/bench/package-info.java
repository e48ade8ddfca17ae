/**
 * Benchmarks of ALO (JMH for hot paths; plain mains that print reports and side-by-side numbers).
 */
@NullMarked
package dev.alo.bench;

import org.jspecify.annotations.NullMarked;
