package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A child-JVM program for the connection-scale test: opens N keep-alive connections to a server,
 * makes one request on each, and holds them all open. Driven over stdin/stdout, one line each:
 * prints {@code HELD n} once n connections got a 200; on {@code AGAIN} makes a second request on
 * every connection and prints {@code AGAIN n} (how many got a 200 on the same connection); exits
 * (closing everything) when stdin closes. Run in its own process because N client sockets and the
 * server's N accepted sockets would not fit in one process's file-descriptor limit.
 */
final class HeldClients {
  private HeldClients() {}

  public static void main(String[] args) throws Exception {
    InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    int n = Integer.parseInt(args[2]);
    int threads = 8;
    PrintStream out = new PrintStream(System.out, true, UTF_8);
    List<Socket> sockets = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Socket>>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int share = n / threads + (t < n % threads ? 1 : 0);
        parts.add(pool.submit(() -> open(server, share)));
      }
      for (Future<List<Socket>> f : parts) {
        sockets.addAll(f.get());
      }
      out.println("HELD " + sockets.size());
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals("AGAIN")) {
          int ok = 0;
          for (Socket s : sockets) {
            ok += request(s) ? 1 : 0;
          }
          out.println("AGAIN " + ok);
        }
      }
    } finally {
      pool.shutdownNow();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  private static List<Socket> open(InetSocketAddress server, int count) throws IOException {
    List<Socket> mine = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Socket s = new Socket();
      s.connect(server, 10_000);
      s.setSoTimeout(10_000);
      if (request(s)) {
        mine.add(s);
      } else {
        s.close();
      }
    }
    return mine;
  }

  // One GET on a kept-alive connection; true when the answer is a 200 with its whole body.
  private static boolean request(Socket s) throws IOException {
    s.getOutputStream().write("GET /held HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(ISO_8859_1));
    s.getOutputStream().flush();
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      head.append((char) b);
    }
    String h = head.toString();
    int at = h.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
    if (at < 0) {
      return false;
    }
    int length = Integer.parseInt(h.substring(at + 15, h.indexOf("\r\n", at)).trim());
    for (int i = 0; i < length; i++) {
      if (in.read() < 0) {
        return false;
      }
    }
    return h.startsWith("HTTP/1.1 200 ");
  }
}
