package dev.alo.engine.balance;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * 64-bit hashes that turn a request's affinity source (client address, header value, path, cookie)
 * into the {@code long key} of {@link Balancer#pick(long)}. XXH64 (xxHash, 64-bit, seed 0), written
 * from its specification: fast, well mixed and stable across runs and JVMs, so a client keeps its
 * backend across proxy restarts. No allocation.
 */
public final class KeyHash {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  /** The first accumulator's start, P1 + P2 (mod 2^64). */
  private static final long V1 = 0x60EA27EEADC0B5D6L;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private KeyHash() {}

  /** XXH64 of the bytes (e.g. a client's IPv4 or IPv6 address, or a UTF-8 header value). */
  public static long bytes(byte[] bytes) {
    return bytes(bytes, 0, bytes.length);
  }

  /** XXH64 of {@code length} bytes from {@code offset}. */
  public static long bytes(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException(
          "range [" + offset + ", " + offset + " + " + length + ") of " + bytes.length + " bytes");
    }
    int p = offset;
    int end = offset + length;
    long h;
    if (length >= 32) {
      long v1 = V1;
      long v2 = P2;
      long v3 = 0;
      long v4 = -P1;
      int limit = end - 32;
      do {
        v1 = round(v1, (long) LONGS.get(bytes, p));
        v2 = round(v2, (long) LONGS.get(bytes, p + 8));
        v3 = round(v3, (long) LONGS.get(bytes, p + 16));
        v4 = round(v4, (long) LONGS.get(bytes, p + 24));
        p += 32;
      } while (p <= limit);
      h = converge(v1, v2, v3, v4);
    } else {
      h = P5;
    }
    h += length;
    for (; p + 8 <= end; p += 8) {
      h = lane(h, (long) LONGS.get(bytes, p));
    }
    if (p + 4 <= end) {
      h = half(h, (int) INTS.get(bytes, p));
      p += 4;
    }
    for (; p < end; p++) {
      h = single(h, bytes[p]);
    }
    return avalanche(h);
  }

  /**
   * XXH64 of the text's UTF-16 code units in little-endian order (the bytes of {@code UTF_16LE}),
   * hashed without encoding or copying: for header values, paths and cookies.
   */
  public static long chars(CharSequence text) {
    int n = text.length();
    int p = 0;
    long h;
    if (n >= 16) {
      long v1 = V1;
      long v2 = P2;
      long v3 = 0;
      long v4 = -P1;
      int limit = n - 16;
      do {
        v1 = round(v1, charLane(text, p));
        v2 = round(v2, charLane(text, p + 4));
        v3 = round(v3, charLane(text, p + 8));
        v4 = round(v4, charLane(text, p + 12));
        p += 16;
      } while (p <= limit);
      h = converge(v1, v2, v3, v4);
    } else {
      h = P5;
    }
    h += 2L * n;
    for (; p + 4 <= n; p += 4) {
      h = lane(h, charLane(text, p));
    }
    if (p + 2 <= n) {
      h = half(h, text.charAt(p) | (text.charAt(p + 1) << 16));
      p += 2;
    }
    if (p < n) {
      char c = text.charAt(p);
      h = single(h, (byte) c);
      h = single(h, (byte) (c >>> 8));
    }
    return avalanche(h);
  }

  /** An IPv4 address given as an int (first octet in the high byte): XXH64 of its 4 bytes. */
  public static long ipv4(int address) {
    long h = P5 + 4;
    h = half(h, Integer.reverseBytes(address));
    return avalanche(h);
  }

  /**
   * Scrambles any long (a client id, a counter) into a well-mixed 64-bit value: the SplitMix64
   * finaliser. Balancers apply it to every key, so callers may pass unmixed numbers.
   */
  public static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long charLane(CharSequence s, int p) {
    return s.charAt(p)
        | ((long) s.charAt(p + 1) << 16)
        | ((long) s.charAt(p + 2) << 32)
        | ((long) s.charAt(p + 3) << 48);
  }

  private static long round(long acc, long input) {
    return Long.rotateLeft(acc + input * P2, 31) * P1;
  }

  private static long merge(long acc, long v) {
    return (acc ^ round(0, v)) * P1 + P4;
  }

  private static long converge(long v1, long v2, long v3, long v4) {
    long h =
        Long.rotateLeft(v1, 1)
            + Long.rotateLeft(v2, 7)
            + Long.rotateLeft(v3, 12)
            + Long.rotateLeft(v4, 18);
    h = merge(h, v1);
    h = merge(h, v2);
    h = merge(h, v3);
    return merge(h, v4);
  }

  private static long lane(long h, long k) {
    return Long.rotateLeft(h ^ round(0, k), 27) * P1 + P4;
  }

  private static long half(long h, int k) {
    return Long.rotateLeft(h ^ ((k & 0xFFFFFFFFL) * P1), 23) * P2 + P3;
  }

  private static long single(long h, byte b) {
    return Long.rotateLeft(h ^ ((b & 0xFFL) * P5), 11) * P1;
  }

  private static long avalanche(long h) {
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    return h ^ (h >>> 32);
  }
}
