/** JMH benchmarks of ALO's hot paths (never shipped). */
@NullMarked
package dev.alo.bench;

import org.jspecify.annotations.NullMarked;
