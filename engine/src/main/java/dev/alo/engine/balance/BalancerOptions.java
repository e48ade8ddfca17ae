package dev.alo.engine.balance;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Balancer#byName(String, BalancerOptions)} needs besides the name: a source of
 * randomness (random, p2c, peak-ewma), a nanosecond clock (peak-ewma) and an optional bounded-load
 * factor for {@code ip-hash}. Immutable.
 *
 * <ul>
 *   <li>{@link #seeded(long, LongSupplier)} for the simulator: deterministic, single-threaded.
 *   <li>{@link #threadSafe(LongSupplier)} for the proxy: {@link ThreadLocalRandom}, any threads.
 * </ul>
 */
public final class BalancerOptions {
  private final @Nullable Supplier<RandomGenerator> random;
  private final long seed;
  private final LongSupplier nanoTime;
  private final double boundedLoad;

  private BalancerOptions(
      @Nullable Supplier<RandomGenerator> random,
      long seed,
      LongSupplier nanoTime,
      double boundedLoad) {
    this.random = random;
    this.seed = seed;
    this.nanoTime = nanoTime;
    this.boundedLoad = boundedLoad;
  }

  /**
   * Deterministic options: every balancer built from them gets its own {@link SplittableRandom}
   * seeded from {@code seed} and the algorithm's name, so results depend only on the seed, not on
   * how many balancers were built. Such balancers must be used from one thread at a time.
   *
   * @param nanoTime the clock peak-ewma reads (simulated time in a simulation)
   */
  public static BalancerOptions seeded(long seed, LongSupplier nanoTime) {
    return new BalancerOptions(null, seed, nanoTime, 0);
  }

  /**
   * Options for balancers picked from many threads at once: randomness from {@link
   * ThreadLocalRandom}.
   *
   * @param nanoTime the clock peak-ewma reads, e.g. {@code System::nanoTime} in the proxy
   */
  public static BalancerOptions threadSafe(LongSupplier nanoTime) {
    return new BalancerOptions(ThreadLocalRandom::current, 0, nanoTime, 0);
  }

  /**
   * Options with the caller's randomness: {@code random.get()} is called on every pick that needs
   * randomness and must return a generator the calling thread may use.
   */
  public static BalancerOptions of(Supplier<RandomGenerator> random, LongSupplier nanoTime) {
    return new BalancerOptions(random, 0, nanoTime, 0);
  }

  /**
   * The same options with {@code ip-hash} bounded in load: no backend gets more than {@code
   * ceil(factor × average)} requests in flight (weighted).
   *
   * @param factor greater than 1; 1.25 is a common choice
   */
  public BalancerOptions withBoundedLoad(double factor) {
    if (!(factor > 1 && factor < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "bounded-load factor: " + factor + " (expected: > 1, e.g. 1.25)");
    }
    return new BalancerOptions(random, seed, nanoTime, factor);
  }

  /** The clock given to peak-ewma. */
  public LongSupplier nanoTime() {
    return nanoTime;
  }

  /** The bounded-load factor for ip-hash, or 0 for plain consistent hashing. */
  public double boundedLoad() {
    return boundedLoad;
  }

  /** The randomness for one new balancer of the given algorithm. */
  Supplier<RandomGenerator> randomFor(String canonicalName) {
    Supplier<RandomGenerator> shared = random;
    if (shared != null) {
      return shared;
    }
    SplittableRandom own = new SplittableRandom(seed ^ KeyHash.chars(canonicalName));
    return () -> own;
  }
}
