package dev.alo.engine.balance;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The registry of balancing algorithms: canonical names, aliases and how to build each. */
enum Algorithm {
  ROUND_ROBIN("round-robin", "rr"),
  WEIGHTED_ROUND_ROBIN("weighted-round-robin", "wrr"),
  LEAST_CONNECTIONS("least-connections", "lc"),
  IP_HASH("ip-hash", ""),
  RANDOM("random", ""),
  P2C("p2c", ""),
  PEAK_EWMA("peak-ewma", "");

  static final List<String> NAMES =
      java.util.Arrays.stream(values()).map(a -> a.canonical).toList();

  final String canonical;

  /** The short alias, or "" for none. */
  final String alias;

  Algorithm(String canonical, String alias) {
    this.canonical = canonical;
    this.alias = alias;
  }

  static Optional<Algorithm> find(String nameOrAlias) {
    String key = nameOrAlias.strip().toLowerCase(Locale.ROOT);
    for (Algorithm a : values()) {
      if (a.canonical.equals(key) || (!a.alias.isEmpty() && a.alias.equals(key))) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** "round-robin (rr), weighted-round-robin (wrr), ...", for error messages and usage. */
  static String describeAll() {
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

  Balancer create(BalancerOptions options) {
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
}
