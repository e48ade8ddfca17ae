package dev.alo.engine.balance;

import dev.alo.engine.InputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The balancing algorithms by name: the one registry the CLI, the configuration, the simulator and
 * the proxy share. {@link #parse(String)} turns a user's name or alias into a value, {@link
 * #create(BalancerOptions)} builds a balancer.
 */
public enum Algorithm {
  ROUND_ROBIN("round-robin", "rr"),
  WEIGHTED_ROUND_ROBIN("weighted-round-robin", "wrr"),
  LEAST_CONNECTIONS("least-connections", "lc"),
  IP_HASH("ip-hash", ""),
  RANDOM("random", ""),
  P2C("p2c", ""),
  PEAK_EWMA("peak-ewma", "");

  static final List<String> NAMES = Arrays.stream(values()).map(Algorithm::canonicalName).toList();

  private final String canonical;

  /** The short alias, or "" for none. */
  private final String alias;

  Algorithm(String canonical, String alias) {
    this.canonical = canonical;
    this.alias = alias;
  }

  /** The name the CLI, the configuration and the stats use, e.g. {@code round-robin}. */
  public String canonicalName() {
    return canonical;
  }

  /** The algorithm of a canonical name or alias (case-insensitive, surrounding blanks ignored). */
  public static Optional<Algorithm> find(String nameOrAlias) {
    String key = nameOrAlias.strip().toLowerCase(Locale.ROOT);
    for (Algorithm a : values()) {
      if (a.canonical.equals(key) || (!a.alias.isEmpty() && a.alias.equals(key))) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /**
   * The algorithm of a canonical name or alias, as {@link #find(String)}.
   *
   * @throws InputException for an unknown name; the message names it and lists the valid names
   */
  public static Algorithm parse(String nameOrAlias) {
    return find(nameOrAlias)
        .orElseThrow(
            () ->
                new InputException(
                    "unknown balancing algorithm '"
                        + nameOrAlias
                        + "' (expected one of: "
                        + describeAll()
                        + ")"));
  }

  /** "round-robin (rr), weighted-round-robin (wrr), ...", for error messages and usage. */
  public static String describeAll() {
    StringBuilder s = new StringBuilder();
    for (Algorithm a : values()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(a.canonical);
      if (!a.alias.isEmpty()) {
        s.append(" (").append(a.alias).append(')');
      }
    }
    return s.toString();
  }

  /** A new balancer of this algorithm. */
  public Balancer create(BalancerOptions options) {
    return switch (this) {
      case ROUND_ROBIN -> new RoundRobinBalancer();
      case WEIGHTED_ROUND_ROBIN -> new WeightedRoundRobinBalancer();
      case LEAST_CONNECTIONS -> new LeastConnectionsBalancer();
      case IP_HASH -> new MaglevBalancer(options.boundedLoad());
      case RANDOM -> new RandomBalancer(options.randomFor(canonical));
      case P2C -> TwoChoicesBalancer.leastLoaded(options.randomFor(canonical));
      case PEAK_EWMA ->
          TwoChoicesBalancer.peakEwma(options.randomFor(canonical), options.nanoTime());
    };
  }

  /** The canonical name. */
  @Override
  public String toString() {
    return canonical;
  }
}
