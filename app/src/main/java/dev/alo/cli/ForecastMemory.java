package dev.alo.cli;

import java.util.Locale;
import java.util.Set;

/**
 * What forecasting one series takes in memory, estimated from its horizon before the work starts.
 * The models that draw their interval from simulated sample paths (ETS with multiplicative errors
 * or seasonality, prophet, and auto, which runs ETS) hold 1,000 paths of the whole horizon at once:
 * about 8 KB a step; the others a few arrays of the horizon. A plot holds its points as objects.
 */
record ForecastMemory(String model, boolean plot) {
  /** The fitting, the history and the rest of one series, whatever the horizon. */
  static final long BASE = 16L << 20;

  /** Paths of ETS and prophet intervals, and the bytes of one step of one path. */
  static final long PATH_BYTES = 1_000L * 8;

  /** Point forecast, bounds, components and future times of one step, with room to spare. */
  static final long STEP_BYTES = 256;

  /** A plotted point (a date and a value as objects, and XChart's own copy). */
  static final long PLOT_POINT_BYTES = 100;

  private static final Set<String> SAMPLING = Set.of("auto", "ets", "prophet");

  ForecastMemory {
    model = model.strip().toLowerCase(Locale.ROOT);
  }

  /** Whether the model may simulate sample paths for its interval. */
  boolean samplesPaths() {
    return SAMPLING.contains(model);
  }

  /** The estimated peak of one series forecast {@code steps} ahead, bytes. */
  long bytes(long steps) {
    long perStep = STEP_BYTES + (samplesPaths() ? PATH_BYTES : 0);
    // A plot shows up to 5 horizons of history, the forecast and the band around it (2 per step).
    long plotted = plot ? 8 * steps * PLOT_POINT_BYTES : 0;
    return BASE + steps * perStep + plotted;
  }

  /** The most steps whose estimate fits in {@code bytes}. */
  long maxSteps(long bytes) {
    long perStep = bytes(1) - BASE;
    return Math.max(0, (bytes - BASE) / perStep);
  }
}
