package dev.alo.engine.csv;

/** One record as the tokenizer read it: field texts (unquoted) in one char buffer. */
final class Row {
  char[] data = new char[128];
  int length;
  int[] starts = new int[8];
  int[] ends = new int[8];
  int[] lines = new int[8];
  int count;
  int line;

  void ensureField() {
    if (count == starts.length) {
      int n = count * 2;
      starts = java.util.Arrays.copyOf(starts, n);
      ends = java.util.Arrays.copyOf(ends, n);
      lines = java.util.Arrays.copyOf(lines, n);
    }
  }

  void append(char c) {
    if (length == data.length) {
      data = java.util.Arrays.copyOf(data, length * 2);
    }
    data[length++] = c;
  }

  void append(char[] src, int from, int to) {
    int n = to - from;
    if (length + n > data.length) {
      data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, length + n));
    }
    System.arraycopy(src, from, data, length, n);
    length += n;
  }

  /** The first index of field i after leading blanks. */
  int trimmedStart(int i) {
    int s = starts[i];
    int e = ends[i];
    while (s < e && (data[s] == ' ' || data[s] == '\t')) {
      s++;
    }
    return s;
  }

  /** The end of field i before trailing blanks. */
  int trimmedEnd(int i) {
    int s = starts[i];
    int e = ends[i];
    while (e > s && (data[e - 1] == ' ' || data[e - 1] == '\t')) {
      e--;
    }
    return e;
  }

  String text(int i) {
    return new String(data, starts[i], ends[i] - starts[i]);
  }

  String trimmed(int i) {
    int s = trimmedStart(i);
    return new String(data, s, Math.max(trimmedEnd(i) - s, 0));
  }

  /** An empty or blank line. */
  boolean isBlank() {
    return count == 1 && trimmedEnd(0) <= trimmedStart(0);
  }

  Row copy() {
    Row r = new Row();
    r.data = java.util.Arrays.copyOf(data, Math.max(length, 1));
    r.length = length;
    r.starts = java.util.Arrays.copyOf(starts, Math.max(count, 1));
    r.ends = java.util.Arrays.copyOf(ends, Math.max(count, 1));
    r.lines = java.util.Arrays.copyOf(lines, Math.max(count, 1));
    r.count = count;
    r.line = line;
    return r;
  }
}
