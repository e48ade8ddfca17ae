package dev.alo.engine.sim;

import java.util.Arrays;

/**
 * A binary min-heap of (time, int payload) events in two parallel primitive arrays: no allocation
 * except when it grows. Events with equal times come out in an unspecified but deterministic order.
 */
final class EventHeap {
  private double[] times;
  private int[] payloads;
  private int size;

  EventHeap(int initialCapacity) {
    times = new double[Math.max(4, initialCapacity)];
    payloads = new int[times.length];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The earliest time, or positive infinity when empty. */
  double peekTime() {
    return size == 0 ? Double.POSITIVE_INFINITY : times[0];
  }

  /** The earliest event's payload; the heap must not be empty. */
  int peekPayload() {
    return payloads[0];
  }

  /** The payload at position {@code i} in heap order (for scans), 0 <= i < size. */
  int payloadAt(int i) {
    return payloads[i];
  }

  void push(double time, int payload) {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      payloads = Arrays.copyOf(payloads, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      double pt = times[parent];
      if (pt <= time) {
        break;
      }
      times[i] = pt;
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = time;
    payloads[i] = payload;
  }

  /** Removes the earliest event; the heap must not be empty. */
  void pop() {
    int last = --size;
    if (last == 0) {
      return;
    }
    double time = times[last];
    int payload = payloads[last];
    int i = 0;
    int half = last >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      double ct = times[child];
      int right = child + 1;
      if (right < last && times[right] < ct) {
        child = right;
        ct = times[right];
      }
      if (time <= ct) {
        break;
      }
      times[i] = ct;
      payloads[i] = payloads[child];
      i = child;
    }
    times[i] = time;
    payloads[i] = payload;
  }
}
