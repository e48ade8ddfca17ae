/**
 * Anomaly detection on time series: a forecast-interval detector (robust online seasonal model), an
 * isolation forest, a rolling 3-sigma baseline, and scoring against labelled anomaly windows.
 */
@NullMarked
package dev.alo.engine.anomaly;

import org.jspecify.annotations.NullMarked;
