package dev.alo.proxy;

import dev.alo.engine.InputException;
import dev.alo.engine.balance.Balancer;
import java.util.Locale;

/** Balancers by canonical name. */
final class Balancers {
  private Balancers() {}

  static Balancer byName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "round-robin", "rr" -> Balancer.roundRobin();
      default ->
          throw new InputException(
              "unknown algorithm '" + name + "' (expected one of: round-robin)");
    };
  }
}
