package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.InputException;
import dev.alo.engine.synth.SyntheticUsage;
import dev.alo.engine.synth.UsageCsv;
import dev.alo.engine.synth.UsageGenerator;
import dev.alo.engine.synth.UsageProfile;
import dev.alo.engine.time.Durations;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code alo generate}: writes a seeded synthetic usage data set as CSV. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Generate seeded synthetic usage data as CSV.",
      "Users follow a daily wave peaking at 14:00 UTC and dip on weekends and holidays; server"
          + " load follows users against a capacity of 2000 users; response time follows load"
          + " (100 ms / (1 - load), at most 2000 ms), with noise.",
      "Columns timestamp, active_users, server_load, response_time, on stdout unless --output;"
          + " the same arguments give the same bytes.",
      "At most 10,000,000 rows, built in memory first at about 64 bytes each (some 640 MB):"
          + " checked before the work against what Java may use (give it more with"
          + " ALO_JAVA_OPTS=-Xmx...). On a terminal, the rows written show on stderr."
    })
final class GenerateCommand implements Callable<Integer> {
  /** The lowest {@code --trend} accepted, percent per 30 days. */
  static final int MIN_TREND = -100;

  /** The highest {@code --trend} accepted, percent per 30 days. */
  static final int MAX_TREND = 1000;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "" + UsageProfile.DEFAULT_DAYS,
      description =
          "Days to cover, 1 to " + UsageProfile.MAX_DAYS + " (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "" + UsageProfile.DEFAULT_SEED,
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--start",
      paramLabel = "TIME",
      defaultValue = "2024-01-01T00:00:00Z",
      description =
          "First timestamp: ISO-8601 with or without offset, 'yyyy-MM-dd HH:mm:ss' or a date;"
              + " UTC when no offset (default: ${DEFAULT-VALUE}).")
  String start = "";

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "1h",
      description = "Step between timestamps: 30s, 5m, 1h, 1d... (default: ${DEFAULT-VALUE}).")
  String interval = "";

  @Option(
      names = "--trend",
      paramLabel = "PCT",
      defaultValue = "0",
      description =
          "Linear growth of the mean users, percent of the starting level per 30 days,"
              + " "
              + MIN_TREND
              + " to "
              + MAX_TREND
              + " (default: ${DEFAULT-VALUE}).")
  double trend;

  @Option(
      names = "--holidays",
      paramLabel = "DATE",
      split = ",",
      description = "Dates (yyyy-MM-dd, UTC) on which users fall to 0.6 times a normal day.")
  List<String> holidays = new ArrayList<>();

  @Option(
      names = "--anomalies",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Labelled anomaly windows to insert: users surges (x1.5-2.5, 1-4 h) or latency spikes"
              + " (x3-6, 1-3 h) (default: ${DEFAULT-VALUE}).")
  int anomalies;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the CSV to FILE instead of stdout.")
  Optional<Path> output = Optional.empty();

  @Option(
      names = "--labels",
      paramLabel = "FILE",
      description =
          "Also write the anomaly windows to FILE as CSV: " + UsageCsv.LABELS_HEADER + ".")
  Optional<Path> labels = Optional.empty();

  /** The generated series held in memory: a timestamp and three values per row, and the rest. */
  static final long BYTES_PER_ROW = 64;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    UsageProfile profile = profile();
    if (output.isPresent() && labels.isPresent() && sameFile(output.get(), labels.get())) {
      throw new UsageException(
          "--labels " + labels.get() + " is the --output file (expected another file)");
    }
    Memory.require(
        "generate",
        String.format(
            Locale.ROOT, "--days %d at --interval %s (%,d rows)", days, interval, profile.points()),
        profile.points() * BYTES_PER_ROW,
        "generate fewer days or a longer interval");
    if (output.isPresent()) {
      OutputFiles.checkWritable("--output", output.get());
    }
    if (labels.isPresent()) {
      OutputFiles.checkWritable("--labels", labels.get());
    }
    SyntheticUsage usage = UsageGenerator.generate(profile);
    noteHolidaysOutside(profile);
    if (labels.isPresent()) {
      try (Writer w = Files.newBufferedWriter(labels.get(), UTF_8)) {
        UsageCsv.writeLabels(usage, w);
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = Progress.forTerminal(err, "generate");
    long lines = usage.size() + 1L;
    if (output.isPresent()) {
      try (Writer w =
          new ProgressWriter(Files.newBufferedWriter(output.get(), UTF_8), lines, progress)) {
        UsageCsv.write(usage, w);
      }
    } else {
      PrintWriter out = spec.commandLine().getOut();
      Writer w = new BufferedWriter(out, 1 << 16);
      UsageCsv.write(usage, progress.active() ? new ProgressWriter(w, lines, progress) : w);
      w.flush();
      if (out.checkError()) {
        throw new IOException("could not write the CSV to stdout");
      }
    }
    progress.done();
    return 0;
  }

  private UsageProfile profile() {
    if (days < 1 || days > UsageProfile.MAX_DAYS) {
      throw new UsageException(
          "--days " + days + " is out of range (expected 1 to " + UsageProfile.MAX_DAYS + ")");
    }
    Duration step = parseInterval();
    if (!(trend >= MIN_TREND && trend <= MAX_TREND)) {
      throw new UsageException(
          "--trend "
              + GivenValue.of(trend)
              + " is out of range (expected "
              + MIN_TREND
              + " to "
              + MAX_TREND
              + " percent per 30 days)");
    }
    int maxAnomalies = UsageProfile.maxAnomalies(days, step);
    if (anomalies < 0 || anomalies > maxAnomalies) {
      throw new UsageException(
          "--anomalies "
              + anomalies
              + " is out of range (expected 0 to "
              + maxAnomalies
              + " for "
              + days
              + " days at "
              + Durations.format(step)
              + ")");
    }
    try {
      return UsageProfile.builder()
          .days(days)
          .seed(seed)
          .start(parseStart())
          .interval(step)
          .trendPercentPer30Days(trend)
          .holidays(parseHolidays())
          .anomalies(anomalies)
          .build();
    } catch (InputException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }

  private Instant parseStart() {
    String t = start.strip();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // not with an offset: try the forms without one
    }
    try {
      return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // not a local date-time: try a date
    }
    try {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new UsageException(
          "--start: '"
              + start
              + "' is not a timestamp (expected ISO-8601 such as 2024-01-01T00:00:00Z,"
              + " 'yyyy-MM-dd HH:mm:ss' (UTC) or a date yyyy-MM-dd)");
    }
  }

  private Duration parseInterval() {
    Duration d;
    try {
      d = Durations.parse(interval);
    } catch (InputException e) {
      throw new UsageException("--interval: " + e.getMessage());
    }
    if (d.isZero() || d.toMillis() % 1000 != 0 || d.compareTo(Duration.ofDays(days)) > 0) {
      throw new UsageException(
          "--interval "
              + interval
              + " is out of range (expected a whole number of seconds from 1s to --days, "
              + days
              + "d)");
    }
    return d;
  }

  private List<LocalDate> parseHolidays() {
    List<LocalDate> dates = new ArrayList<>(holidays.size());
    for (String h : holidays) {
      try {
        dates.add(LocalDate.parse(h.strip()));
      } catch (DateTimeParseException e) {
        throw new UsageException(
            "--holidays: '" + h + "' is not a date (expected yyyy-MM-dd, e.g. 2024-12-25)");
      }
    }
    return dates;
  }

  private void noteHolidaysOutside(UsageProfile profile) {
    LocalDate first = LocalDate.ofInstant(profile.start(), ZoneOffset.UTC);
    LocalDate last =
        LocalDate.ofInstant(
            profile.start().plus(profile.interval().multipliedBy(profile.points() - 1L)),
            ZoneOffset.UTC);
    for (LocalDate h : profile.holidays()) {
      if (h.isBefore(first) || h.isAfter(last)) {
        spec.commandLine()
            .getErr()
            .println(
                "alo: note: holiday "
                    + h
                    + " is outside the generated range "
                    + first
                    + " to "
                    + last
                    + "; it has no effect");
      }
    }
  }

  private static boolean sameFile(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }
}
