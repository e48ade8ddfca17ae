/** Numerical optimisers written for ALO (L-BFGS with optional L1 terms). */
@NullMarked
package dev.alo.engine.forecast.optim;

import org.jspecify.annotations.NullMarked;
