package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {
  private static String text(ByteBuf b) {
    try {
      return b.toString(ISO_8859_1);
    } finally {
      b.release();
    }
  }

  @Test
  void body_namesStatusAndReason() {
    assertThat(new String(ErrorResponses.body(HttpResponseStatus.BAD_GATEWAY, "why"), ISO_8859_1))
        .isEqualTo("alo: 502 Bad Gateway: why\n");
  }

  @Test
  void closing_http11WithLengthViaAndConnectionClose() {
    byte[] body = ErrorResponses.body(HttpResponseStatus.REQUEST_TIMEOUT, "slow");
    assertThat(text(ErrorResponses.closing(HttpResponseStatus.REQUEST_TIMEOUT, body)))
        .isEqualTo(
            "HTTP/1.1 408 Request Timeout\r\n"
                + "content-type: text/plain; charset=utf-8\r\n"
                + "content-length: "
                + body.length
                + "\r\nvia: 1.1 alo\r\nconnection: close\r\n\r\n"
                + "alo: 408 Request Timeout: slow\n");
  }

  @Test
  void forExchange_keepsTheClientsVersion_keepAliveForHttp10_noBodyForHead() {
    byte[] body = ErrorResponses.body(HttpResponseStatus.SERVICE_UNAVAILABLE, "none");
    String http10Head =
        text(
            ErrorResponses.forExchange(
                true, HttpResponseStatus.SERVICE_UNAVAILABLE, body, false, true));
    assertThat(http10Head)
        .startsWith("HTTP/1.0 503 Service Unavailable\r\n")
        .contains("content-length: " + body.length + "\r\n")
        .endsWith("connection: keep-alive\r\n\r\n");

    String http11 =
        text(
            ErrorResponses.forExchange(
                false, HttpResponseStatus.SERVICE_UNAVAILABLE, body, false, false));
    assertThat(http11)
        .doesNotContain("connection:")
        .endsWith("\r\n\r\nalo: 503 Service Unavailable: none\n");
  }
}
