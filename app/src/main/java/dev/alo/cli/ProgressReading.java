package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.csv.CsvData;
import dev.alo.engine.csv.CsvOptions;
import dev.alo.engine.csv.CsvReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a CSV file as {@link CsvReader#read(Path, CsvOptions)} does, showing the bytes read. */
final class ProgressReading {
  private ProgressReading() {}

  static CsvData read(Path file, CsvOptions options, Progress progress) {
    try (Reader r =
        new InputStreamReader(
            new Counting(Files.newInputStream(file), Files.size(file), progress), UTF_8)) {
      return CsvReader.read(r, file.toString(), options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      progress.done();
    }
  }

  /** Tells the progress line how many bytes went through. */
  private static final class Counting extends FilterInputStream {
    private final long size;
    private final Progress progress;
    private long read;

    Counting(InputStream in, long size, Progress progress) {
      super(in);
      this.size = size;
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      progress.bytes(read, Math.max(read, size));
    }
  }
}
