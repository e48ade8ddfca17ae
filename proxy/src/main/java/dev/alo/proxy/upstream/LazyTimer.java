package dev.alo.proxy.upstream;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A per-connection timeout that is re-armed on every request without scheduling a task each time: a
 * later deadline just moves a field, and the pending task re-schedules itself when it fires early.
 * Deadlines are on the proxy's injected nanosecond clock: the executor's task only wakes the timer,
 * which fires when the clock says the deadline has passed (so tests move time by the clock).
 * Confined to one event loop.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
public final class LazyTimer {
  private final EventExecutor executor;
  private final LongSupplier clock;
  private final Runnable action;
  private final Runnable fire = this::fire;
  private boolean armed;
  private long deadline;
  private @Nullable ScheduledFuture<?> task;
  private long taskAt;

  /** A timer on {@code executor} that runs {@code action} by the nanosecond {@code clock}. */
  public LazyTimer(EventExecutor executor, LongSupplier clock, Runnable action) {
    this.executor = executor;
    this.clock = clock;
    this.action = action;
  }

  /** Runs the action {@code delayNanos} from now unless disarmed or re-armed before. */
  public void arm(long delayNanos) {
    long now = clock.getAsLong();
    deadline = now + delayNanos;
    armed = true;
    ScheduledFuture<?> t = task;
    if (t == null || taskAt - deadline > 0) {
      if (t != null) {
        t.cancel(false);
      }
      schedule(now, delayNanos);
    }
  }

  public void disarm() {
    armed = false;
  }

  /** Disarms and drops the pending task (when the connection closes). */
  public void stop() {
    armed = false;
    ScheduledFuture<?> t = task;
    task = null;
    if (t != null) {
      t.cancel(false);
    }
  }

  private void schedule(long now, long delayNanos) {
    taskAt = now + delayNanos;
    task = executor.schedule(fire, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void fire() {
    task = null;
    if (!armed) {
      return;
    }
    long now = clock.getAsLong();
    long left = deadline - now;
    if (left > 0) {
      schedule(now, left);
      return;
    }
    armed = false;
    action.run();
  }
}
