package dev.alo.engine.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * Splits characters into records (RFC 4180: quoted fields, doubled quotes, line breaks inside
 * quotes) and counts physical lines: LF, CRLF and a lone CR each end one line, inside quoted fields
 * too.
 */
final class CsvTokenizer {
  private final Reader in;
  private final String source;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int lim;
  private boolean eof;
  private char delimiter;
  private int line = 1;

  CsvTokenizer(Reader in, String source, char delimiter) {
    this.in = in;
    this.source = source;
    this.delimiter = delimiter;
    if (peek() == '\uFEFF') {
      pos++;
    }
    if (delimiter == 0) {
      this.delimiter = detectDelimiter();
    }
  }

  char delimiter() {
    return delimiter;
  }

  /**
   * Picks the delimiter from the first lines the buffer holds (up to 20): the first of {@code ,}
   * {@code ;} tab that appears the same number of times (at least once) outside quotes on each of
   * them; failing that, the one most frequent on the first line.
   */
  private char detectDelimiter() {
    char[] candidates = {',', ';', '\t'};
    int[][] counts = new int[3][20];
    int lines = 0;
    boolean quoted = false;
    int p = pos;
    while (p < lim && lines < 20) {
      char c = buf[p++];
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\r' || c == '\n')) {
        if (c == '\r' && p < lim && buf[p] == '\n') {
          p++;
        }
        lines++;
      } else if (!quoted) {
        for (int k = 0; k < 3; k++) {
          if (c == candidates[k]) {
            counts[k][lines]++;
          }
        }
      }
    }
    int complete = Math.max(lines, 1);
    for (int k = 0; k < 3; k++) {
      boolean consistent = counts[k][0] > 0;
      for (int l = 1; l < complete && consistent; l++) {
        consistent = counts[k][l] == counts[k][0];
      }
      if (consistent) {
        return candidates[k];
      }
    }
    int best = 0;
    for (int k = 1; k < 3; k++) {
      if (counts[k][0] > counts[best][0]) {
        best = k;
      }
    }
    return candidates[best];
  }

  private boolean fill() {
    if (eof) {
      return false;
    }
    try {
      int n;
      do {
        n = in.read(buf, 0, buf.length);
      } while (n == 0);
      if (n < 0) {
        eof = true;
        pos = 0;
        lim = 0;
        return false;
      }
      pos = 0;
      lim = n;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int peek() {
    if (pos == lim && !fill()) {
      return -1;
    }
    return buf[pos];
  }

  private int read() {
    if (pos == lim && !fill()) {
      return -1;
    }
    return buf[pos++];
  }

  /** Reads the next record into {@code row}; false at the end of the input. */
  boolean next(Row row) {
    row.count = 0;
    row.length = 0;
    if (peek() < 0) {
      return false;
    }
    row.line = line;
    while (true) {
      row.ensureField();
      int f = row.count;
      row.starts[f] = row.length;
      row.lines[f] = line;
      if (peek() == '"') {
        quoted(row, f);
      } else {
        unquoted(row);
      }
      row.ends[f] = row.length;
      row.count++;
      int c = read();
      if (c == delimiter) {
        continue;
      }
      if (c == '\r') {
        if (peek() == '\n') {
          pos++;
        }
        line++;
      } else if (c == '\n') {
        line++;
      }
      return true;
    }
  }

  private void unquoted(Row row) {
    char d = delimiter;
    while (pos < lim || fill()) {
      int p = pos;
      char[] b = buf;
      int l = lim;
      while (p < l) {
        char ch = b[p];
        if (ch == d || ch == '\n' || ch == '\r') {
          break;
        }
        p++;
      }
      row.append(b, pos, p);
      pos = p;
      if (p < l) {
        return;
      }
    }
  }

  private void quoted(Row row, int field) {
    int openLine = line;
    pos++;
    while (true) {
      int c = read();
      if (c < 0) {
        throw new CsvFormatException(
            source
                + ", line "
                + openLine
                + ", column "
                + (field + 1)
                + ": a quoted field opened here never closes (expected a closing \" before the"
                + " end of the file)",
            openLine);
      }
      if (c == '"') {
        if (peek() == '"') {
          pos++;
          row.append('"');
          continue;
        }
        break;
      }
      row.append((char) c);
      if (c == '\r') {
        if (peek() == '\n') {
          pos++;
          row.append('\n');
        }
        line++;
      } else if (c == '\n') {
        line++;
      }
    }
    int c = peek();
    while (c == ' ' && delimiter != ' ') {
      pos++;
      c = peek();
    }
    if (c >= 0 && c != delimiter && c != '\r' && c != '\n') {
      throw new CsvFormatException(
          source
              + ", line "
              + line
              + ", column "
              + (field + 1)
              + ": unexpected text "
              + Cells.show(String.valueOf((char) c))
              + " after a closing quote (expected the delimiter "
              + Cells.show(String.valueOf(delimiter))
              + " or the end of the line)",
          line);
    }
  }
}
