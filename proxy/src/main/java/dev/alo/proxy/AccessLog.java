package dev.alo.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The access log: one line per answered or refused request, in common log format or as JSON,
 * written by a thread of its own so that event loops never block on the disk (lines are dropped,
 * and counted, if the writer falls far behind).
 */
public final class AccessLog implements AutoCloseable {
  /** Line formats. */
  public enum Format {
    COMMON,
    JSON
  }

  private static final DateTimeFormatter CLF =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Queued by {@link #close}; a real line is never empty. */
  private static final String STOP = "";

  private final Format format;
  private final Writer out;
  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(65_536);
  private final LongAdder dropped = new LongAdder();
  private final Thread writer;

  private AccessLog(Format format, Writer out) {
    this.format = format;
    this.out = out;
    this.writer = new Thread(this::drain, "alo-access-log");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** An access log writing lines of {@code format} to {@code out} (closed with this log). */
  public static AccessLog to(Writer out, Format format) {
    return new AccessLog(format, out);
  }

  /** Lines dropped because the writer fell behind. */
  public long dropped() {
    return dropped.sum();
  }

  void record(
      String client,
      String method,
      String uri,
      String version,
      int status,
      long bytes,
      String backend,
      long durationNanos) {
    Instant now = Instant.now();
    String line =
        switch (format) {
          case COMMON ->
              client
                  + " - - ["
                  + CLF.format(now)
                  + "] \""
                  + method
                  + " "
                  + uri
                  + " "
                  + version
                  + "\" "
                  + status
                  + " "
                  + (bytes == 0 ? "-" : Long.toString(bytes));
          case JSON ->
              "{\"time\":\""
                  + now
                  + "\",\"client\":\""
                  + json(client)
                  + "\",\"method\":\""
                  + json(method)
                  + "\",\"uri\":\""
                  + json(uri)
                  + "\",\"version\":\""
                  + version
                  + "\",\"status\":"
                  + status
                  + ",\"bytes\":"
                  + bytes
                  + ",\"backend\":\""
                  + json(backend)
                  + "\",\"duration_ms\":"
                  + String.format(Locale.ROOT, "%.3f", durationNanos / 1e6)
                  + "}";
        };
    if (!queue.offer(line)) {
      dropped.increment();
    }
  }

  /**
   * A request the proxy refused before it had a usable request line (malformed, oversized or too
   * slow): the request field is {@code "-"} in common log format, as Apache and nginx write it, and
   * JSON lines carry the {@code reason} instead of a method and URI.
   */
  void recordRefused(String client, int status, long bytes, String reason) {
    Instant now = Instant.now();
    String line =
        switch (format) {
          case COMMON -> client + " - - [" + CLF.format(now) + "] \"-\" " + status + " " + bytes;
          case JSON ->
              "{\"time\":\""
                  + now
                  + "\",\"client\":\""
                  + json(client)
                  + "\",\"status\":"
                  + status
                  + ",\"bytes\":"
                  + bytes
                  + ",\"refused\":\""
                  + json(reason)
                  + "\"}";
        };
    if (!queue.offer(line)) {
      dropped.increment();
    }
  }

  private static String json(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private void drain() {
    try {
      while (true) {
        String line = queue.poll(1, TimeUnit.SECONDS);
        if (line == null) {
          continue;
        }
        if (line.isEmpty()) {
          out.flush();
          return;
        }
        out.write(line);
        out.write('\n');
        if (queue.isEmpty()) {
          out.flush();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes what is queued and closes the output. */
  @Override
  public void close() {
    try {
      queue.put(STOP);
      writer.join(5000);
      out.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
