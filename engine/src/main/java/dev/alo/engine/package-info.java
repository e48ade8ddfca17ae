/**
 * ALO's pure engine: time series, forecasting, balancing, simulation and scaling policies. Nothing
 * here does network or storage I/O or reads the wall clock; time and randomness are injected.
 */
@NullMarked
package dev.alo.engine;

import org.jspecify.annotations.NullMarked;
