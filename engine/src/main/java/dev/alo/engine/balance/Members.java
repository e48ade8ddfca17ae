package dev.alo.engine.balance;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Helpers over a balancer's immutable membership snapshot (an array rebuilt on membership). */
final class Members {
  static final Backend[] NONE = new Backend[0];

  private Members() {}

  /** A snapshot of the list, refusing duplicate ids (they would make hashing ambiguous). */
  static Backend[] snapshot(List<Backend> backends) {
    Backend[] all = backends.toArray(new Backend[0]);
    Set<String> ids = new HashSet<>();
    for (Backend b : all) {
      if (!ids.add(b.id())) {
        throw new IllegalArgumentException("duplicate backend id: " + b.id());
      }
    }
    return all;
  }

  /** The number of healthy backends. */
  static int healthyCount(Backend[] all) {
    int count = 0;
    for (Backend b : all) {
      if (b.healthy()) {
        count++;
      }
    }
    return count;
  }

  /** The index of the {@code rank}-th healthy backend (from 0), or -1 if there are fewer. */
  static int healthyAt(Backend[] all, int rank) {
    int seen = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i].healthy() && seen++ == rank) {
        return i;
      }
    }
    return -1;
  }
}
