package dev.alo.proxy;

import dev.alo.engine.balance.Backend;
import dev.alo.proxy.upstream.BackendState;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Which backend one request tries next and whether it may try another: the balancer's pick
 * (skipping backends already tried and thinning slow-start ones), a fallback when it has none, and
 * the retry rule (idempotent requests only, nothing sent back yet, within the attempts and the
 * retry budget unless the failed backend has left the rotation). Reused by the requests of one
 * connection.
 */
final class RetryChoice {
  private final ProxyContext proxy;
  private final BackendState[] tried;
  private final Predicate<BackendState> wasTried = this::wasTried;
  private int attempts;
  private boolean holdsToken;

  RetryChoice(ProxyContext proxy) {
    this.proxy = proxy;
    this.tried = new BackendState[Math.max(1, proxy.config().retries().maxAttempts())];
  }

  /** Whether requests of method {@code m} may be sent twice (RFC 9110: safe, PUT, DELETE). */
  static boolean idempotent(HttpMethod m) {
    return m.equals(HttpMethod.GET)
        || m.equals(HttpMethod.HEAD)
        || m.equals(HttpMethod.OPTIONS)
        || m.equals(HttpMethod.TRACE)
        || m.equals(HttpMethod.PUT)
        || m.equals(HttpMethod.DELETE);
  }

  /** A new request: nothing tried. */
  void reset() {
    attempts = 0;
  }

  /** Attempts made for the current request. */
  int attempts() {
    return attempts;
  }

  /** The backend for the next attempt (counted as tried), or null when none is left. */
  @Nullable BackendState next(long key) {
    BackendState b = choose(key);
    if (b != null) {
      tried[attempts++] = b;
    }
    return b;
  }

  private @Nullable BackendState choose(long key) {
    for (int i = 0; i < 2 * Math.max(1, proxy.memberCount()); i++) {
      Optional<Backend> picked = proxy.balancer().pick(key);
      if (picked.isEmpty()) {
        break;
      }
      BackendState s = proxy.stateOf(picked.get());
      if (s != null && !wasTried(s)) {
        double share = s.rampShare();
        if (share >= 1 || ThreadLocalRandom.current().nextDouble() < share) {
          return s;
        }
      }
    }
    // The balancer has nothing, or keeps choosing backends this request already failed on (a
    // failing backend shows few requests in flight): take another healthy one, else (panic
    // routing, when checks have taken every backend down) one that is only failing its checks.
    return proxy.fallbackPick(wasTried);
  }

  private boolean wasTried(BackendState s) {
    for (int i = 0; i < attempts; i++) {
      if (tried[i] == s) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the request may go to another backend after failing on {@code failed}: only an {@code
   * idempotent} one, and only when nothing of it can have been used yet ({@code committed}: body
   * bytes forwarded or response bytes sent to the client).
   */
  boolean allowed(BackendState failed, boolean idempotent, boolean committed) {
    if (!idempotent) {
      return false;
    }
    ProxyConfig.Retries r = proxy.config().retries();
    if (!r.enabled() || attempts >= r.maxAttempts() || committed) {
      return false;
    }
    if (holdsToken) {
      return true;
    }
    // Failover needs no token: once the failed backend is out of rotation (a refused connection
    // ejects it at once, closes before responding after a few), its requests would have gone to
    // the others anyway, so moving them adds no load. The budget caps retries while the backend
    // still gets traffic, and when no backend is in rotation (panic routing).
    if (!failed.inRotation() && proxy.anyHealthyBesides(failed)) {
      return true;
    }
    if (proxy.retryBudget().tryAcquire()) {
      holdsToken = true;
      return true;
    }
    return false;
  }

  /** The request ended: gives back the retry token if it took one. */
  void release() {
    if (holdsToken) {
      proxy.retryBudget().release();
      holdsToken = false;
    }
  }
}
