package dev.alo.engine.balance;

import java.util.ArrayList;
import java.util.List;

/** Backends and balancers for the tests. */
final class Fixtures {
  private Fixtures() {}

  /** Backends b0, b1, ... with the given weights. */
  static List<Backend> weighted(int... weights) {
    List<Backend> list = new ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      list.add(Backend.of("b" + i, weights[i]));
    }
    return list;
  }

  /** n backends of weight 1. */
  static List<Backend> backends(int n) {
    List<Backend> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(Backend.of("b" + i));
    }
    return list;
  }

  /** A balancer of the given name, seeded, on a fixed clock. */
  static Balancer balancer(String name) {
    return Balancer.byName(name, BalancerOptions.seeded(42, () -> 0L));
  }

  /** The balancer's pick, which must exist. */
  static Backend pick(Balancer balancer, long key) {
    return balancer.pick(key).orElseThrow();
  }

  static void load(Backend backend, int inFlight) {
    for (int i = 0; i < inFlight; i++) {
      backend.requestStarted();
    }
  }
}
