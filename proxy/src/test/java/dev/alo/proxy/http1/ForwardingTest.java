package dev.alo.proxy.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class ForwardingTest {

  private static String head(String host) {
    DefaultHttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/a");
    req.headers().add("Host", host);
    ByteBuf out = Unpooled.buffer();
    try {
      Forwarding.writeBackendHead(
          new ParsedRequest(req, 0, false, false), "10.0.0.1", false, false, out);
      return out.toString(ISO_8859_1);
    } finally {
      out.release();
    }
  }

  @Test
  void writeBackendHead_hostWithPort_quotedInForwarded() {
    assertThat(head("example.com:8080"))
        .contains("\r\nforwarded: for=10.0.0.1;host=\"example.com:8080\";proto=http\r\n");
  }

  @Test
  void writeBackendHead_hostWithQuoteAndBackslash_escapedInForwarded() {
    assertThat(head("a\"b\\c"))
        .contains("\r\nforwarded: for=10.0.0.1;host=\"a\\\"b\\\\c\";proto=http\r\n");
  }

  @Test
  void writeBackendHead_tokenHost_unquotedInForwarded() {
    assertThat(head("front.example"))
        .contains("\r\nforwarded: for=10.0.0.1;host=front.example;proto=http\r\n");
  }
}
