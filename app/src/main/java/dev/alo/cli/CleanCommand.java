package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.csv.CsvData;
import dev.alo.engine.csv.CsvWriter;
import dev.alo.engine.series.Cleaning;
import dev.alo.engine.time.Durations;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alo clean}: the prototype's preprocessing as a command. */
@Command(
    name = "clean",
    mixinStandardHelpOptions = true,
    defaultValueProvider = CleaningOptions.CleanDefaults.class,
    description = {
      "Resample, clip outliers and fill gaps of a CSV time series.",
      "Resamples to a fixed interval, clips outliers beyond K IQR, then fills gaps. Writes CSV"
          + " with the input's columns and timestamp style, on stdout unless --output; a summary"
          + " goes to stderr.",
      "--output is checked before the file is read; on a terminal, the reading and the writing"
          + " show their progress on stderr.",
      ""
    })
final class CleanCommand implements Callable<Integer> {
  @Mixin InputSource.Single source = new InputSource.Single();

  @Mixin InputOptions input = new InputOptions();

  @Mixin CleaningOptions cleaning = new CleaningOptions();

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the CSV to this file instead of stdout.")
  Optional<Path> output = Optional.empty();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Cleaning recipe = cleaning.toCleaning(CleaningOptions.CLEAN_DEFAULTS);
    if (output.isPresent()) {
      OutputFiles.checkWritable("--output", output.get());
    }
    CsvData data =
        input.load(
            source.file(),
            err,
            Progress.forTerminal(err, "clean: reading " + source.file().getFileName()));
    Cleaning.Result result = recipe.apply(data.table());
    Progress progress = Progress.forTerminal(err, "clean: writing rows");
    long rows = result.table().size() + 1L;
    if (output.isPresent()) {
      try (Writer w =
          new ProgressWriter(
              new BufferedWriter(Files.newBufferedWriter(output.get(), UTF_8), 1 << 16),
              rows,
              progress)) {
        CsvWriter.write(result.table(), w);
      }
    } else {
      PrintWriter out = spec.commandLine().getOut();
      Writer w = progress.active() ? new ProgressWriter(out, rows, progress) : out;
      CsvWriter.write(result.table(), w);
      w.flush();
    }
    progress.done();
    err.println(
        "alo: clean: "
            + data.table().size()
            + " rows in, "
            + result.table().size()
            + " out"
            + recipe
                .resample()
                .map(
                    d ->
                        " (resampled to "
                            + Durations.format(d)
                            + " by "
                            + recipe.aggregation().cliName()
                            + ")")
                .orElse("")
            + ", "
            + result.clipped()
            + " values clipped, "
            + result.filled()
            + " gaps filled ("
            + recipe.fill().cliName()
            + "), "
            + result.gapsLeft()
            + " gaps left");
    err.flush();
    return 0;
  }
}
