/** Benchmarks of ALO's hot paths and accuracy (never shipped). */
@NullMarked
package dev.alo.bench;

import org.jspecify.annotations.NullMarked;
