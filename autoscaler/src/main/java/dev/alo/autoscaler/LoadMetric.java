package dev.alo.autoscaler;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which number of a reading is the load a policy scales on; a replica's capacity is given in the
 * same unit.
 */
public enum LoadMetric {
  /** Finished requests per second. */
  RATE("rate"),
  /** Requests in flight (concurrency). */
  IN_FLIGHT("in-flight");

  private final String canonical;

  LoadMetric(String canonical) {
    this.canonical = canonical;
  }

  /** This metric's load on one backend. */
  public double of(BackendLoad backend) {
    return switch (this) {
      case RATE -> backend.requestsPerSecond();
      case IN_FLIGHT -> backend.inFlight();
    };
  }

  /** The metric of a name ({@code rate}, {@code in-flight}; case-insensitive). */
  public static LoadMetric parse(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(m -> m.canonical.equals(key))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown load metric '"
                        + name
                        + "' (expected one of: "
                        + Arrays.stream(values())
                            .map(LoadMetric::toString)
                            .collect(Collectors.joining(", "))
                        + ")"));
  }

  @Override
  public String toString() {
    return canonical;
  }
}
