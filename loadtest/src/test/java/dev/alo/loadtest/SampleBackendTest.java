package dev.alo.loadtest;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SampleBackendTest {

  @Test
  void anyRequest_answered200WithItsName_andCounted() throws IOException {
    try (SampleBackend b = Fixtures.backend("b7");
        Conn c = new Conn(b)) {
      Response r = c.get("/any/path?q=1");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.head()).contains("\r\nx-served-by: b7\r\n");
      assertThat(r.body()).isEqualTo("served by b7\n");
      c.get("/");
      assertThat(b.served()).isEqualTo(2);
    }
  }

  @Test
  void errorRate_injects500sAtAboutThatShare() throws IOException {
    try (SampleBackend b =
            SampleBackend.start(
                new SampleBackend.Settings(
                    Fixtures.anyPort(), "flaky", Duration.ZERO, Duration.ZERO, 0.25, 1, 3));
        Conn c = new Conn(b)) {
      int errors = 0;
      for (int i = 0; i < 400; i++) {
        Response r = c.get("/");
        if (r.status() == 500) {
          errors++;
          assertThat(r.body()).isEqualTo("injected error from flaky\n");
        } else {
          assertThat(r.status()).isEqualTo(200);
        }
      }
      // Binomial(400, 0.25): mean 100, standard deviation about 8.7.
      assertThat(errors).isBetween(60, 140);
    }
  }

  @Test
  void close_dropsOpenKeepAliveConnections() throws IOException {
    SampleBackend b = Fixtures.backend("dies");
    try (Conn c = new Conn(b)) {
      assertThat(c.get("/").status()).isEqualTo(200);
      b.close();
      assertThat(c.in.read()).as("end of stream").isEqualTo(-1);
    }
  }

  @Test
  void portInUse_failsWithAMessage() {
    try (SampleBackend first = Fixtures.backend("first")) {
      assertThatThrownBy(
              () -> SampleBackend.start(SampleBackend.Settings.plain(first.address(), "second")))
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessageContaining("Address already in use");
    }
  }

  private record Response(int status, String head, String body) {}

  /** One keep-alive connection that sends GETs and reads Content-Length responses. */
  private static final class Conn implements AutoCloseable {
    final Socket socket;
    final InputStream in;

    Conn(SampleBackend b) throws IOException {
      socket = new Socket(b.address().getAddress(), b.address().getPort());
      socket.setSoTimeout(10_000);
      in = new BufferedInputStream(socket.getInputStream());
    }

    Response get(String path) throws IOException {
      socket
          .getOutputStream()
          .write(("GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(ISO_8859_1));
      StringBuilder head = new StringBuilder();
      while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          throw new IOException("closed before a response head: '" + head + "'");
        }
        head.append((char) c);
      }
      String h = head.toString().toLowerCase(Locale.ROOT);
      int at = h.indexOf("content-length:");
      int length = Integer.parseInt(h.substring(at + 15, h.indexOf("\r\n", at)).trim());
      String body = new String(in.readNBytes(length), ISO_8859_1);
      return new Response(Integer.parseInt(h.substring(9, 12)), h, body);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
