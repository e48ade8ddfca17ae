package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingTest {

  private static long usedDirect() {
    return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p
        ? p.metric().usedDirectMemory()
        : 0;
  }

  @Test
  void largeUpload_streamsThroughWithFlatMemory_andConnectionStaysUsable() throws Exception {
    long size = 256L << 20;
    byte[] block = new byte[1 << 16];
    try (TestBackend sink = Fixtures.backend("sink");
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(sink))), ProxyLog.none());
        Raw c = new Raw(proxy.address())) {
      long baseline = usedDirect();
      long peak = 0;
      c.send("PUT /big HTTP/1.1\r\nHost: h\r\nContent-Length: " + size + "\r\n\r\n");
      for (long sent = 0; sent < size; sent += block.length) {
        c.send(block);
        if ((sent & ((1 << 22) - 1)) == 0) {
          peak = Math.max(peak, usedDirect() - baseline);
        }
      }
      Raw.Response r = c.read();
      assertThat(r.status()).isEqualTo(200);
      assertThat(peak).as("direct memory growth while streaming").isLessThan(64L << 20);
      // The whole body was consumed: the next request on the connection is served.
      assertThat(c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().status()).isEqualTo(200);
    }
  }
}
