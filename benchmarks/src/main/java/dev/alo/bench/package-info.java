/** JMH benchmarks and reproducible report commands of ALO. */
@NullMarked
package dev.alo.bench;

import org.jspecify.annotations.NullMarked;
