package dev.alo.engine.sim;

/** A growable FIFO ring buffer of ints (request slots waiting at one server). */
final class IntRing {
  private int[] items = new int[16];
  private int head;
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void add(int value) {
    if (size == items.length) {
      int[] bigger = new int[items.length * 2];
      for (int i = 0; i < size; i++) {
        bigger[i] = items[(head + i) & (items.length - 1)];
      }
      items = bigger;
      head = 0;
    }
    items[(head + size) & (items.length - 1)] = value;
    size++;
  }

  /** Removes and returns the oldest value; the ring must not be empty. */
  int poll() {
    int v = items[head];
    head = (head + 1) & (items.length - 1);
    size--;
    return v;
  }

  /** The i-th oldest value, 0 <= i < size. */
  int get(int i) {
    return items[(head + i) & (items.length - 1)];
  }

  void clear() {
    head = 0;
    size = 0;
  }
}
