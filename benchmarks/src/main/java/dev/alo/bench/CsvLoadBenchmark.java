package dev.alo.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.csv.CsvData;
import dev.alo.engine.csv.CsvOptions;
import dev.alo.engine.csv.CsvReader;
import dev.alo.engine.series.TimestampFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to load a 1,000,000-row, 2-column CSV file ({@code timestamp,value}, timestamps {@code
 * yyyy-MM-dd HH:mm:ss} one minute apart, values with two decimals) from disk into a series.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CsvLoadBenchmark {
  static final int ROWS = 1_000_000;

  private Path file = Path.of("");

  @Setup(Level.Trial)
  public void writeFile() throws IOException {
    file = Files.createTempFile("alo-csv-load-", ".csv");
    SplittableRandom random = new SplittableRandom(42);
    TimestampFormat f = TimestampFormat.dateTime();
    long start = 1_700_000_000_000L - 1_700_000_000_000L % 60_000L;
    StringBuilder sb = new StringBuilder(64);
    try (BufferedWriter w = Files.newBufferedWriter(file, UTF_8)) {
      w.write("timestamp,value\n");
      for (int i = 0; i < ROWS; i++) {
        sb.setLength(0);
        f.formatTo(start + i * 60_000L, sb);
        sb.append(',').append(random.nextInt(100_000) / 100.0).append('\n');
        w.append(sb);
      }
    }
  }

  @TearDown(Level.Trial)
  public void deleteFile() throws IOException {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public CsvData load() {
    CsvData d = CsvReader.read(file, CsvOptions.defaults());
    if (d.table().size() != ROWS) {
      throw new IllegalStateException("read " + d.table().size() + " rows");
    }
    return d;
  }
}
