package dev.alo.proxy.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class LineScannerTest {

  /** Scans {@code text} arriving in pieces of {@code piece} bytes; the result and the lines. */
  private static List<String> scan(LineScanner s, String text, int piece, boolean skip) {
    ByteBuf b = Unpooled.buffer();
    byte[] all = text.getBytes(ISO_8859_1);
    int r = LineScanner.MORE;
    int at = 0;
    while (at < all.length && r == LineScanner.MORE) {
      b.writeBytes(all, at, Math.min(piece, all.length - at));
      at += piece;
      r = s.scan(b, skip);
    }
    if (at < all.length) {
      b.writeBytes(all, at, all.length - at);
    }
    List<String> out = new ArrayList<>();
    out.add("result " + r);
    if (r > 0) {
      for (int l = 0; l < s.lines(); l++) {
        out.add(b.toString(b.readerIndex() + s.start(l), s.end(l) - s.start(l), ISO_8859_1));
      }
      out.add("after " + b.toString(b.readerIndex() + r, b.readableBytes() - r, ISO_8859_1));
    }
    b.release();
    return out;
  }

  @Property(tries = 100)
  void scan_anyPieces_sameLinesAndLength(
      @ForAll @Size(min = 1, max = 6)
          List<@AlphaChars @StringLength(min = 1, max = 9) String> lines,
      @ForAll @IntRange(min = 1, max = 12) int piece) {
    String block = String.join("\r\n", lines) + "\r\n\r\n";
    List<String> expected = new ArrayList<>();
    expected.add("result " + block.length());
    expected.addAll(lines);
    expected.add("after rest");
    assertThat(scan(new LineScanner(1000, 10, LineEnds.CRLF), block + "rest", piece, false))
        .isEqualTo(expected);
    assertThat(scan(new LineScanner(1000, 10, LineEnds.CRLF_OR_LF), block + "rest", piece, false))
        .isEqualTo(expected);
  }

  @Example
  void scan_bareLf_anErrorOnlyWhenCrlfIsRequired() {
    String text = "a\nb\r\n\n";
    assertThat(scan(new LineScanner(100, 10, LineEnds.CRLF), text, 100, false))
        .containsExactly("result " + LineScanner.BARE_LF);
    assertThat(scan(new LineScanner(100, 10, LineEnds.CRLF_OR_LF), text, 1, false))
        .containsExactly("result 6", "a", "b", "after ");
  }

  @Example
  void scan_emptyLinesFirst_skippedOnlyWhenAsked() {
    assertThat(scan(new LineScanner(100, 10, LineEnds.CRLF), "\r\n\r\nx\r\n\r\n", 1, true))
        .containsExactly("result 5", "x", "after ");
    assertThat(scan(new LineScanner(100, 10, LineEnds.CRLF), "\r\nx\r\n\r\n", 1, false))
        .containsExactly("result 2", "after x\r\n\r\n");
  }

  @Example
  void scan_limits() {
    assertThat(scan(new LineScanner(10, 10, LineEnds.CRLF), "abcdefgh\r\n\r\n", 100, false))
        .as("the empty line makes it 12 bytes")
        .containsExactly("result " + LineScanner.TOO_LARGE);
    assertThat(scan(new LineScanner(12, 10, LineEnds.CRLF), "abcdefgh\r\n\r\n", 3, false))
        .first()
        .isEqualTo("result 12");
    assertThat(scan(new LineScanner(10, 10, LineEnds.CRLF), "abcdefghijk", 100, false))
        .as("no line end yet, already too long")
        .containsExactly("result " + LineScanner.TOO_LARGE);
    assertThat(scan(new LineScanner(100, 2, LineEnds.CRLF), "a\r\nb\r\nc\r\n\r\n", 100, false))
        .containsExactly("result " + LineScanner.TOO_MANY_LINES);
  }

  @Example
  void scan_afterACompleteBlock_startsAgainAtTheReaderIndex() {
    LineScanner s = new LineScanner(100, 10, LineEnds.CRLF);
    ByteBuf b = Unpooled.copiedBuffer("a\r\n\r\nb\r\nc\r\n\r\n", ISO_8859_1);
    int first = s.scan(b, false);
    assertThat(first).isEqualTo(5);
    b.skipBytes(first);
    assertThat(s.scan(b, false)).isEqualTo(8);
    assertThat(s.lines()).isEqualTo(2);
    b.release();
  }
}
