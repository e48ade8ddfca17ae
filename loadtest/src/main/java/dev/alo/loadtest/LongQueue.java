package dev.alo.loadtest;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A first-in first-out queue of {@code long}s in a growing ring, without boxing: the load
 * generator's requests waiting for a connection (their due times). Not thread-safe.
 */
final class LongQueue {
  private long[] ring = new long[64];
  private int head;
  private int size;

  void add(long value) {
    if (size == ring.length) {
      long[] grown = new long[ring.length * 2];
      int tail = ring.length - head;
      System.arraycopy(ring, head, grown, 0, tail);
      System.arraycopy(ring, 0, grown, tail, head);
      ring = grown;
      head = 0;
    }
    ring[(head + size) & (ring.length - 1)] = value;
    size++;
  }

  /**
   * Removes and returns the oldest value.
   *
   * @throws NoSuchElementException when empty
   */
  long poll() {
    if (size == 0) {
      throw new NoSuchElementException("empty queue");
    }
    long v = ring[head];
    head = (head + 1) & (ring.length - 1);
    size--;
    return v;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  @Override
  public String toString() {
    long[] copy = new long[size];
    for (int i = 0; i < size; i++) {
      copy[i] = ring[(head + i) & (ring.length - 1)];
    }
    return Arrays.toString(copy);
  }
}
