package dev.alo.engine.forecast.prophet;

/** Whether a built-in seasonality is used: decided from the history (AUTO), forced on, or off. */
public enum SeasonalityToggle {
  /** Prophet's rule: yearly with >= 2 years, weekly/daily by span and spacing of the history. */
  AUTO,
  /** Always fitted. */
  ON,
  /** Never fitted. */
  OFF
}
