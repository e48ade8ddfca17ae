package dev.alo.engine.forecast.prophet;

/** Prophet's trend shapes. */
public enum Growth {
  /** Piecewise-linear trend with changepoints. */
  LINEAR,
  /** Piecewise-logistic trend saturating at the capacity (and above the floor). */
  LOGISTIC,
  /** A constant trend. */
  FLAT
}
