package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A raw-socket HTTP/1.1 client for tests: sends exact bytes, reads exact responses. */
public final class Raw implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** One parsed response. */
  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }
  }

  public Raw(InetSocketAddress address) throws IOException {
    socket = new Socket();
    socket.connect(address, 2000);
    socket.setSoTimeout(5000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  public Raw send(String text) throws IOException {
    out.write(text.getBytes(ISO_8859_1));
    out.flush();
    return this;
  }

  Raw send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** Reads one response (Content-Length or chunked or until close). */
  public Response read() throws IOException {
    return read(false);
  }

  Response read(boolean head) throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new IOException("connection closed before a response");
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    String l;
    while ((l = line()) != null && !l.isEmpty()) {
      int c = l.indexOf(':');
      headers.merge(
          l.substring(0, c).toLowerCase(Locale.ROOT),
          l.substring(c + 1).strip(),
          (a, b) -> a + ", " + b);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (head || status == 204 || status == 304 || status / 100 == 1) {
      return new Response(status, headers, "");
    }
    if (headers.containsKey("content-length")) {
      long n = Long.parseLong(headers.get("content-length"));
      for (long i = 0; i < n; i++) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("body cut short");
        }
        body.write(b);
      }
    } else if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
      while (true) {
        String size = line();
        if (size == null) {
          throw new IOException("chunked body cut short");
        }
        int semi = size.indexOf(';');
        int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
        if (n == 0) {
          while ((l = line()) != null && !l.isEmpty()) {
            // trailers
          }
          break;
        }
        body.write(in.readNBytes(n));
        line();
      }
    } else {
      body.write(in.readAllBytes());
    }
    return new Response(status, headers, body.toString(ISO_8859_1));
  }

  /** Reads only the status line (a client that goes away as soon as it has it). */
  String statusLine() throws IOException {
    String l = line();
    if (l == null) {
      throw new IOException("connection closed before a response");
    }
    return l;
  }

  /** Whether the server closed the connection (read returns EOF within the socket timeout). */
  boolean closedByPeer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  private @Nullable String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
      }
      sb.append((char) b);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  void timeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
