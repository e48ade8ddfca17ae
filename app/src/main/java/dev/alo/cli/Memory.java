package dev.alo.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Locale;

/**
 * What the JVM may use (its maximum heap, {@code -Xmx}, which {@code ./alo} takes from {@code
 * ALO_JAVA_OPTS}) against what a command's work needs: checks made before the work starts, and the
 * one line printed when Java runs out of memory anyway.
 */
final class Memory {
  /** Share of the maximum heap a command's estimated needs may take (the rest: the JVM, inputs). */
  static final double USABLE = 0.8;

  private static final long MB = 1L << 20;
  private static final long GB = 1L << 30;

  private Memory() {}

  /** The most heap Java may use, bytes. */
  static long maxHeap() {
    return Runtime.getRuntime().maxMemory();
  }

  /** The heap a command may plan to fill, bytes. */
  static long usable() {
    return (long) (maxHeap() * USABLE);
  }

  /** The machine's physical memory, bytes, or 0 when unknown. */
  static long physical() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getTotalMemorySize();
    }
    return 0;
  }

  /** Bytes as {@code 812 KB}, {@code 400 MB} or {@code 6.0 GB}. */
  static String size(long bytes) {
    if (bytes >= GB) {
      return String.format(Locale.ROOT, "%.1f GB", (double) bytes / GB);
    }
    if (bytes >= MB) {
      return String.format(Locale.ROOT, "%d MB", Math.round((double) bytes / MB));
    }
    return String.format(Locale.ROOT, "%d KB", Math.max(1, Math.round(bytes / 1024.0)));
  }

  /** A {@code -Xmx} of at least {@code bytes}: whole GB from 1 GB, hundreds of MB below. */
  static String xmx(long bytes) {
    if (bytes > GB) {
      return "-Xmx" + ((bytes + GB - 1) / GB) + "g";
    }
    long hundreds = (bytes + 100 * MB - 1) / (100 * MB);
    return "-Xmx" + Math.max(1, hundreds) * 100 + "m";
  }

  /** Whether a heap of {@code bytes} fits in the machine (unknown: assumed to). */
  static boolean machineHas(long bytes) {
    long machine = physical();
    return machine == 0 || bytes <= machine * 0.9;
  }

  /** How to run {@code command} with a heap of at least {@code bytes}. */
  static String giveMore(String command, long bytes) {
    return "give Java more with ALO_JAVA_OPTS=" + xmx(bytes) + " ./alo " + command + " ...";
  }

  /** The line for an {@link OutOfMemoryError} in {@code command}. */
  static String outOfMemory(String command) {
    long max = maxHeap();
    String head = command + ": out of memory (Java may use " + size(max) + " here); ";
    if (machineHas(2 * max)) {
      return head + giveMore(command, 2 * max) + ", or give it less work";
    }
    return head + "give it less work (this machine has " + size(physical()) + " in all)";
  }

  /**
   * Checks, before the work starts, that it fits.
   *
   * @param command the command, for the advice
   * @param work what needs the memory, e.g. {@code --horizon 1000000 with --model ets}
   * @param bytes the estimated need
   * @param instead what the user can do with less, e.g. {@code forecast fewer steps}
   * @throws RuntimeFailure naming the need, the limit and the ways out when it does not fit
   */
  static void require(String command, String work, long bytes, String instead) {
    if (bytes > usable()) {
      throw new RuntimeFailure(command + ": " + shortfall(command, work, bytes, instead));
    }
  }

  /** Why {@code work} does not fit and what to do, as {@link #require} says it. */
  static String shortfall(String command, String work, long bytes, String instead) {
    long heap = (long) (bytes / USABLE) + 64 * MB;
    return work
        + " needs about "
        + size(bytes)
        + " of memory, more than the "
        + size(usable())
        + " Java may use for it here (80% of its "
        + size(maxHeap())
        + "): "
        + instead
        + (machineHas(heap)
            ? ", or " + giveMore(command, heap)
            : " (this machine has " + size(physical()) + " in all)");
  }
}
