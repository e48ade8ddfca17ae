package dev.alo.proxy.http1;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {

  private static final String THREE =
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
          + "HTTP/1.1 503 Busy\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n0\r\nT: v\r\n\r\n"
          + "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";

  // Feeds the text in pieces of `piece` bytes, collecting the statuses of finished responses.
  private static List<Integer> statuses(String text, int piece, ResponseReader r) throws Exception {
    List<Integer> out = new ArrayList<>();
    byte[] all = text.getBytes(US_ASCII);
    ByteBuf buf = Unpooled.buffer();
    for (int at = 0; at < all.length; at += piece) {
      buf.writeBytes(all, at, Math.min(piece, all.length - at));
      int s;
      while (buf.isReadable() && (s = r.read(buf)) != ResponseReader.MORE) {
        out.add(s);
      }
      buf.discardReadBytes();
    }
    return out;
  }

  @Test
  void read_lengthChunkedInterimAndNoBody_eachEndFound() throws Exception {
    ResponseReader r = new ResponseReader();
    assertThat(statuses(THREE, 1 << 20, r)).containsExactly(200, 503, 204);
    assertThat(r.keepAlive()).isFalse();
  }

  @Property(tries = 50)
  void read_anySplit_sameResponses(@ForAll @IntRange(min = 1, max = 40) int piece)
      throws Exception {
    assertThat(statuses(THREE, piece, new ResponseReader())).containsExactly(200, 503, 204);
  }

  @Test
  void read_noLength_endsAtClose_http10ClosesByDefault() throws Exception {
    ResponseReader r = new ResponseReader();
    assertThat(statuses("HTTP/1.0 200 OK\r\nServer: x\r\n\r\nbody until close", 7, r)).isEmpty();
    assertThat(r.closed()).isEqualTo(200);
    assertThat(r.keepAlive()).isFalse();
    ResponseReader cut = new ResponseReader();
    assertThat(statuses("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 100, cut)).isEmpty();
    assertThat(cut.closed()).isEqualTo(ResponseReader.MORE);
  }

  @Test
  void read_garbage_malformed() {
    assertThatThrownBy(() -> statuses("SSH-2.0-OpenSSH\r\n\r\n", 100, new ResponseReader()))
        .isInstanceOf(ResponseReader.MalformedException.class)
        .hasMessage("malformed status line");
    assertThatThrownBy(
            () ->
                statuses(
                    "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", 100, new ResponseReader()))
        .isInstanceOf(ResponseReader.MalformedException.class)
        .hasMessage("malformed Content-Length");
  }
}
