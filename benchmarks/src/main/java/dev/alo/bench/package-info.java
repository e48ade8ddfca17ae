/** Benchmarks of ALO's hot paths (JMH, and plain mains where a rate is the clearer figure). */
@NullMarked
package dev.alo.bench;

import org.jspecify.annotations.NullMarked;
