package dev.alo.engine.balance;

import dev.alo.engine.InputException;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Chooses a backend for each request. One abstraction shared by the simulator, the reverse proxy
 * and the autoscaler's what-if analysis: implementations only use what a real proxy can observe
 * (weight, health, requests in flight, observed latency), are thread-safe, and do not allocate per
 * pick.
 *
 * <p>Membership changes at runtime through {@link #setBackends(List)}; the list's order is the
 * balancer's notion of backend order (round robin goes through it in that order). Weight and health
 * changes on a {@link Backend} take effect on the next pick.
 *
 * <p>Algorithms by canonical name (aliases in brackets), see {@link Algorithm}: {@code round-robin}
 * ({@code rr}), {@code weighted-round-robin} ({@code wrr}), {@code least-connections} ({@code lc}),
 * {@code ip-hash}, {@code random}, {@code p2c}, {@code peak-ewma}.
 */
public interface Balancer {

  /** The canonical name, as used by the CLI, configuration and API (e.g. {@code round-robin}). */
  String name();

  /**
   * Replaces the set of backends (ids must be distinct). Picks in progress finish on the old set.
   */
  void setBackends(List<Backend> backends);

  /** The current backends, in order. */
  List<Backend> backends();

  /**
   * Picks a healthy backend for a request.
   *
   * @param key the request's affinity key (a hash of the client address, a header..., see {@link
   *     KeyHash}); only hash based balancers use it
   * @return the backend, or empty when no backend is healthy
   */
  Optional<Backend> pick(long key);

  /** Round robin over the healthy backends, in order, ignoring weights. */
  static Balancer roundRobin() {
    return new RoundRobinBalancer();
  }

  /** nginx's smooth weighted round robin (weights 5, 1, 1 give a a b a c a a). */
  static Balancer weightedRoundRobin() {
    return new WeightedRoundRobinBalancer();
  }

  /** Fewest requests in flight per unit of weight; ties broken round robin. */
  static Balancer leastConnections() {
    return new LeastConnectionsBalancer();
  }

  /** Consistent hashing of the key (Maglev, 65,537 entries); unhealthy backends are skipped. */
  static Balancer ipHash() {
    return new MaglevBalancer(0);
  }

  /**
   * Consistent hashing with bounded loads: as {@link #ipHash()}, but a backend at {@code
   * ceil(factor × average)} requests in flight (weighted) passes the key on to the next entry.
   *
   * @param factor greater than 1, e.g. 1.25
   */
  static Balancer ipHashBoundedLoad(double factor) {
    return new MaglevBalancer(factor);
  }

  /**
   * Uniformly random over the healthy backends.
   *
   * @param random called on each pick; must return a generator the calling thread may use ({@code
   *     ThreadLocalRandom::current} for many threads, {@code () -> seeded} for one)
   */
  static Balancer random(Supplier<RandomGenerator> random) {
    return new RandomBalancer(random);
  }

  /**
   * The power of two choices: the less loaded (in flight per unit of weight) of two distinct random
   * healthy backends.
   *
   * @param random as for {@link #random(Supplier)}
   */
  static Balancer powerOfTwoChoices(Supplier<RandomGenerator> random) {
    return TwoChoicesBalancer.leastLoaded(random);
  }

  /**
   * Finagle's and Linkerd's peak EWMA: of two distinct random healthy backends, the one with the
   * lower peak-EWMA latency × (in flight + 1), per unit of weight.
   *
   * @param random as for {@link #random(Supplier)}
   * @param nanoTime the clock the latency estimates decay against (the one passed to {@link
   *     Backend#requestFinished(long, long)})
   */
  static Balancer peakEwma(Supplier<RandomGenerator> random, LongSupplier nanoTime) {
    return TwoChoicesBalancer.peakEwma(random, nanoTime);
  }

  /**
   * A new balancer by canonical name or alias (case-insensitive), as {@link Algorithm#parse}.
   *
   * @throws InputException for an unknown name; the message lists the valid names
   */
  static Balancer byName(String name, BalancerOptions options) {
    return Algorithm.parse(name).create(options);
  }

  /** The canonical name for a canonical name or alias (case-insensitive), if it is one. */
  static Optional<String> canonicalName(String nameOrAlias) {
    return Algorithm.find(nameOrAlias).map(Algorithm::canonicalName);
  }

  /**
   * The most backends an algorithm (canonical name or alias) takes: 65,537 for {@code ip-hash},
   * whose lookup table has that many slots; no limit for the others.
   */
  static int maxBackends(String nameOrAlias) {
    return canonicalName(nameOrAlias).filter("ip-hash"::equals).isPresent()
        ? MaglevBalancer.TABLE_SIZE
        : Integer.MAX_VALUE;
  }

  /** Every canonical name, in a fixed order (for {@code --algorithm all}). */
  static List<String> names() {
    return Algorithm.NAMES;
  }
}
