/** JMH micro-benchmarks of ALO's hot paths. */
@NullMarked
package dev.alo.bench;

import org.jspecify.annotations.NullMarked;
