package dev.alo.cli;

import picocli.CommandLine.Command;

/** {@code alo autoscale}: the autoscaler's commands; it runs nothing by itself. */
@Command(
    name = "autoscale",
    mixinStandardHelpOptions = true,
    description = {
      "Scale servers with the load: replay policies, or run one live.",
      "Policies: threshold (the prototype's rule), target-tracking (the Kubernetes HPA's"
          + " algorithm), predictive (forecast-driven with a reactive floor), and the bounds"
          + " oracle and static-peak. See docs/autoscale.md."
    },
    subcommands = {AutoscaleReplayCommand.class, AutoscaleRunCommand.class})
final class AutoscaleCommand implements Runnable {
  @Override
  public void run() {
    throw new UsageException("autoscale: name a command (expected: replay or run)");
  }
}
