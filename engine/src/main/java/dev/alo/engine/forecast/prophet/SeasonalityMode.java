package dev.alo.engine.forecast.prophet;

/** How seasonalities and holidays combine with the trend. */
public enum SeasonalityMode {
  /** yhat = trend + seasonal terms. */
  ADDITIVE,
  /** yhat = trend * (1 + seasonal terms). */
  MULTIPLICATIVE
}
