package dev.alo.engine.scale;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.RegularSeries;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The scaling policies by name: the one registry the CLI, the replay and the live loop share.
 * {@link #parse(String)} turns a user's name into a value, {@link #create} builds a policy.
 */
public enum PolicyName {
  THRESHOLD("threshold", false),
  TARGET_TRACKING("target-tracking", false),
  PREDICTIVE("predictive", false),
  ORACLE("oracle", true),
  STATIC_PEAK("static-peak", true);

  static final List<String> NAMES = Arrays.stream(values()).map(PolicyName::canonicalName).toList();

  private final String canonical;
  private final boolean evaluationOnly;

  PolicyName(String canonical, boolean evaluationOnly) {
    this.canonical = canonical;
    this.evaluationOnly = evaluationOnly;
  }

  /** The name the CLI and the results use, e.g. {@code target-tracking}. */
  public String canonicalName() {
    return canonical;
  }

  /** True for the bounds that know the demand ahead ({@code oracle}, {@code static-peak}). */
  public boolean evaluationOnly() {
    return evaluationOnly;
  }

  /** The policy of a name (case-insensitive, surrounding blanks ignored). */
  public static Optional<PolicyName> find(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.canonical.equals(key)).findFirst();
  }

  /**
   * The policy of a name, as {@link #find(String)}.
   *
   * @throws InputException for an unknown name; the message names it and lists the valid names
   */
  public static PolicyName parse(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new InputException(
                    "unknown scaling policy '"
                        + name
                        + "' (expected one of: "
                        + describeAll()
                        + ")"));
  }

  /** "threshold, target-tracking, ...", for error messages and usage. */
  public static String describeAll() {
    return NAMES.stream().collect(Collectors.joining(", "));
  }

  /**
   * A new policy of this name.
   *
   * @param demand the demand ahead, used only when {@link #evaluationOnly()}
   */
  public ScalingPolicy create(ScalingConfig config, RegularSeries demand) {
    return switch (this) {
      case THRESHOLD -> ScalingPolicy.threshold(config);
      case TARGET_TRACKING -> ScalingPolicy.targetTracking(config);
      case PREDICTIVE -> ScalingPolicy.predictive(config);
      case ORACLE -> ScalingPolicy.oracle(config, demand);
      case STATIC_PEAK -> ScalingPolicy.staticPeak(config, demand);
    };
  }

  /** The canonical name. */
  @Override
  public String toString() {
    return canonical;
  }
}
