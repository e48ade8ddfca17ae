package dev.alo.proxy.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The first handler of a TLS connection, on an embedded channel and a hand-advanced clock. */
class TlsSnifferTest {
  private static final byte[] TLS_RECORD_HEADER = {0x16, 0x03, 0x01, 0x00, 0x50};

  private long now = 1_000_000_000L;
  private int clientErrors;
  private int handshakeFailures;
  private final EmbeddedChannel channel = channel(Duration.ofSeconds(10));

  private EmbeddedChannel channel(Duration handshakeTimeout) {
    TlsConfig config =
        new TlsConfig(
            true,
            TlsFiles.file("chain.pem"),
            TlsFiles.file("chain-key.pem"),
            handshakeTimeout,
            Duration.ZERO);
    ServerTls tls = ServerTls.load(config, message -> {}, Instant.now());
    return new EmbeddedChannel(
        tls.newSniffer(() -> now, () -> clientErrors++, () -> handshakeFailures++));
  }

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  @Test
  void tlsRecord_handedToAnSslHandler_withTheHandshakeTimeLeftOnTheClock() {
    now += Duration.ofSeconds(7).toNanos();
    channel.writeInbound(Unpooled.wrappedBuffer(TLS_RECORD_HEADER));
    SslHandler ssl = channel.pipeline().get(SslHandler.class);
    assertThat(ssl).isNotNull();
    assertThat(ssl.getHandshakeTimeoutMillis()).isEqualTo(3000);
    assertThat(channel.isOpen()).isTrue();
    assertThat(handshakeFailures).isZero();
  }

  @Test
  void silentClient_closedAtTheHandshakeTimeout_andCounted() {
    channel.advanceTimeBy(9, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isTrue();
    channel.advanceTimeBy(1, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isOpen()).isFalse();
    assertThat(handshakeFailures).isEqualTo(1);
    assertThat(clientErrors).isZero();
  }

  @Test
  void plainHttp_answered400AndClosed_countedOnceEach() {
    channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: h\r\n\r\n", US_ASCII));
    ByteBuf out = channel.readOutbound();
    try {
      assertThat(out.toString(US_ASCII))
          .startsWith("HTTP/1.1 400 Bad Request\r\n")
          .contains("plain HTTP sent to the HTTPS port");
    } finally {
      out.release();
    }
    assertThat(channel.isOpen()).isFalse();
    channel.advanceTimeBy(10, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(clientErrors).isEqualTo(1);
    assertThat(handshakeFailures).isEqualTo(1);
    assertThat(channel.pipeline().get(SslHandler.class)).isNull();
  }
}
