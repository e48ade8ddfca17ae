package dev.alo.autoscaler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Backends as child processes: {@code COMMAND... --listen HOST:PORT}. */
final class ProcessLauncher implements BackendLauncher {
  private static final long STOP_GRACE_SECONDS = 10;

  private final List<String> command;

  ProcessLauncher(List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException(
          "backend command: empty (expected a program and its args)");
    }
    this.command = List.copyOf(command);
  }

  @Override
  public Launched launch(InetSocketAddress listen) {
    List<String> args = new ArrayList<>(command);
    args.add("--listen");
    args.add(listen.getHostString() + ":" + listen.getPort());
    Process p;
    try {
      p =
          new ProcessBuilder(args)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", args), e);
    }
    return new Launched() {
      @Override
      public boolean alive() {
        return p.isAlive();
      }

      @Override
      public void stop() {
        p.destroy();
        try {
          if (!p.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
          }
        } catch (InterruptedException e) {
          p.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    };
  }
}
