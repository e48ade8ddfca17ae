package dev.alo.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/** A writer that shows on a progress line how many of the expected lines went through it. */
final class ProgressWriter extends FilterWriter {
  private final long lines;
  private final Progress progress;
  private long written;

  ProgressWriter(Writer out, long lines, Progress progress) {
    super(out);
    this.lines = lines;
    this.progress = progress;
  }

  @Override
  public void write(int c) throws IOException {
    super.write(c);
    if (c == '\n') {
      count(1);
    }
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    super.write(buf, off, len);
    int n = 0;
    for (int i = off; i < off + len; i++) {
      n += buf[i] == '\n' ? 1 : 0;
    }
    count(n);
  }

  @Override
  public void write(String str, int off, int len) throws IOException {
    super.write(str, off, len);
    int n = 0;
    for (int i = off; i < off + len; i++) {
      n += str.charAt(i) == '\n' ? 1 : 0;
    }
    count(n);
  }

  private void count(int n) {
    if (n > 0) {
      written += n;
      progress.update(written, Math.max(written, lines));
    }
  }
}
