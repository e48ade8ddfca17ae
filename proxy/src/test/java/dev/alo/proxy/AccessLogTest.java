package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessLogTest {

  private static String run(AccessLog.Format format) throws Exception {
    StringWriter out = new StringWriter();
    try (TestBackend b = Fixtures.backend("b")) {
      AccessLog log = AccessLog.to(out, format);
      try (ProxyServer proxy =
              ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(b))), ProxyLog.none(), log);
          Raw c = new Raw(proxy.address())) {
        c.send("GET /a?b=\"c\" HTTP/1.1\r\nHost: h\r\n\r\n").read();
      }
      log.close();
    }
    return out.toString();
  }

  private static String refused(AccessLog.Format format) throws Exception {
    StringWriter out = new StringWriter();
    try (TestBackend b = Fixtures.backend("b")) {
      AccessLog log = AccessLog.to(out, format);
      try (ProxyServer proxy =
              ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(b))), ProxyLog.none(), log);
          Raw c = new Raw(proxy.address())) {
        assertThat(
                c.send("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1,1\r\n\r\n").read().status())
            .isEqualTo(400);
      }
      log.close();
    }
    return out.toString();
  }

  @Test
  void commonFormat_refusedRequest_loggedWithDashAsRequest() throws Exception {
    assertThat(refused(AccessLog.Format.COMMON))
        .matches("127\\.0\\.0\\.1 - - \\[[^\\]]+\\] \"-\" 400 \\d+\n");
  }

  @Test
  void jsonFormat_refusedRequest_carriesTheReason() throws Exception {
    assertThat(refused(AccessLog.Format.JSON))
        .contains("\"status\":400")
        .contains("\"refused\":\"")
        .contains("Content-Length")
        .endsWith("}\n");
  }

  @Test
  void commonFormat_bodyTimeout_loggedWithItsRequestLineAnd408() throws Exception {
    StringWriter out = new StringWriter();
    try (EchoBackend echo = new EchoBackend()) {
      AccessLog log = AccessLog.to(out, AccessLog.Format.COMMON);
      ProxyConfig config =
          Fixtures.builder(List.of(echo.address()))
              .connectTimeout(Duration.ofSeconds(1))
              .responseTimeout(Duration.ofSeconds(30))
              .idleTimeout(Duration.ofMillis(300))
              .headerTimeout(Duration.ofSeconds(5))
              .build();
      try (ProxyServer proxy = ProxyServer.start(config, ProxyLog.none(), log);
          Raw c = new Raw(proxy.address())) {
        assertThat(
                c.send("POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc")
                    .read()
                    .status())
            .isEqualTo(408);
      }
      log.close();
    }
    assertThat(out.toString())
        .matches("127\\.0\\.0\\.1 - - \\[[^\\]]+\\] \"POST /up HTTP/1\\.1\" 408 \\d+\n");
  }

  @Test
  void commonFormat_oneLinePerRequest() throws Exception {
    assertThat(run(AccessLog.Format.COMMON))
        .matches(
            "127\\.0\\.0\\.1 - - \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000\\]"
                + " \"GET /a\\?b=\"c\" HTTP/1\\.1\" 200 12\n");
  }

  @Test
  void jsonFormat_escapedAndWithBackendAndDuration() throws Exception {
    String line = run(AccessLog.Format.JSON);
    assertThat(line)
        .contains("\"client\":\"127.0.0.1\"")
        .contains("\"uri\":\"/a?b=\\\"c\\\"\"")
        .contains("\"status\":200")
        .contains("\"bytes\":12")
        .contains("\"backend\":\"127.0.0.1:")
        .contains("\"duration_ms\":")
        .endsWith("}\n");
  }
}
