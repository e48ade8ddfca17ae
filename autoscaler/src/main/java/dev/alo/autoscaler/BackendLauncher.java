package dev.alo.autoscaler;

import java.net.InetSocketAddress;
import java.util.List;

/** Starts one backend listening on a given address; the local target's way to add a replica. */
@FunctionalInterface
public interface BackendLauncher {
  /**
   * Starts a backend on {@code listen}; it may still be starting when this returns.
   *
   * @throws RuntimeException when it cannot be started at all
   */
  Launched launch(InetSocketAddress listen);

  /** A started backend. */
  interface Launched {
    /** False once it has exited (a process that died); true while it may still answer. */
    boolean alive();

    /** Stops it and waits until it has. */
    void stop();
  }

  /**
   * Runs {@code command} followed by {@code --listen HOST:PORT} as a process, e.g. {@code java -cp
   * alo.jar dev.alo.cli.Main backend}; its standard error goes to this process's.
   */
  static BackendLauncher process(List<String> command) {
    return new ProcessLauncher(command);
  }
}
