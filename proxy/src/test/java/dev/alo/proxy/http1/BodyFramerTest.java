package dev.alo.proxy.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

@SuppressWarnings("StringConcatToTextBlock")
class BodyFramerTest {

  /** What the framer made of a body fed in pieces: its bytes, then END, an error, or MORE. */
  private static String frame(BodyFramer f, String wire, int piece) {
    ByteBuf b = Unpooled.buffer();
    StringBuilder data = new StringBuilder();
    byte[] all = wire.getBytes(ISO_8859_1);
    String outcome = "more";
    int at = 0;
    while (outcome.equals("more") && at < all.length) {
      b.writeBytes(all, at, Math.min(piece, all.length - at));
      at += piece;
      while (true) {
        int r = f.next(b);
        if (r == BodyFramer.DATA) {
          int n = f.available(b);
          data.append(b.readCharSequence(n, ISO_8859_1));
          if (f.taken(n)) {
            outcome = "end";
            break;
          }
        } else {
          outcome = r == BodyFramer.END ? "end" : r == BodyFramer.MORE ? "more" : "error " + r;
          break;
        }
      }
    }
    if (at < all.length) {
      b.writeBytes(all, at, all.length - at);
    }
    String rest = b.toString(ISO_8859_1);
    b.release();
    return data
        + " | "
        + outcome
        + (outcome.startsWith("error") ? ": " + f.problem() : "")
        + " | "
        + rest;
  }

  private static BodyFramer chunked(LineEnds ends, long maxBody) {
    BodyFramer f = new BodyFramer(ends, 64, 2, maxBody);
    f.startChunked();
    return f;
  }

  private static String chunks(String body, List<Integer> sizes) {
    StringBuilder w = new StringBuilder();
    int at = 0;
    for (int size : sizes) {
      int n = Math.min(size, body.length() - at);
      if (n <= 0) {
        break;
      }
      w.append(Integer.toHexString(n)).append(n % 2 == 0 ? "; a=b\r\n" : "\r\n");
      w.append(body, at, at + n).append("\r\n");
      at += n;
    }
    return w.append("0\r\nT: v\r\n\r\n").toString();
  }

  @Property(tries = 150)
  void chunked_anyPieces_sameBytesThenEnd(
      @ForAll @AlphaChars @StringLength(max = 80) String body,
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 30) Integer> sizes,
      @ForAll @IntRange(min = 1, max = 20) int piece) {
    String wire = chunks(body, sizes);
    int sent = Math.min(body.length(), sizes.stream().mapToInt(Integer::intValue).sum());
    String expected = body.substring(0, sent) + " | end | next";
    assertThat(frame(chunked(LineEnds.CRLF, 1000), wire + "next", piece)).isEqualTo(expected);
    String bareLf = wire.replace("\r\n", "\n");
    assertThat(frame(chunked(LineEnds.CRLF_OR_LF, 1000), bareLf + "next", piece))
        .isEqualTo(expected);
    assertThat(frame(chunked(LineEnds.CRLF, 1000), bareLf + "next", piece))
        .contains("| error -1: bare LF");
  }

  @Property(tries = 50)
  void fixed_anyPieces_exactlyTheLength(
      @ForAll @AlphaChars @StringLength(min = 1, max = 50) String body,
      @ForAll @IntRange(min = 1, max = 20) int piece) {
    BodyFramer f = new BodyFramer(LineEnds.CRLF, 64, 2, 0);
    f.startFixed(body.length());
    assertThat(frame(f, body + "next", piece)).isEqualTo(body + " | end | next");
  }

  @Example
  void untilClose_everythingIsBody() {
    BodyFramer f = new BodyFramer(LineEnds.CRLF_OR_LF, 64, 2, 0);
    f.startUntilClose();
    assertThat(frame(f, "HTTP/1.1 200 OK\r\n\r\n", 5))
        .isEqualTo("HTTP/1.1 200 OK\r\n\r\n | more | ");
    assertThat(f.untilClose()).isTrue();
  }

  @Example
  void chunked_errorsAndLimits() {
    assertThat(frame(chunked(LineEnds.CRLF, 1000), "3\nabc\r\n", 100))
        .isEqualTo(" | error -1: bare LF in chunk size line | 3\nabc\r\n");
    assertThat(frame(chunked(LineEnds.CRLF, 1000), "3\r\nabc\n", 100))
        .startsWith("abc | error -1: chunk data not followed by CRLF");
    assertThat(frame(chunked(LineEnds.CRLF_OR_LF, 1000), "3\r\nabcd", 100))
        .startsWith("abc | error -1: chunk data not followed by a line end");
    assertThat(frame(chunked(LineEnds.CRLF, 1000), "-1\r\n", 100))
        .startsWith(" | error -1: chunk size is not hexadecimal");
    assertThat(frame(chunked(LineEnds.CRLF, 1000), "1 x\r\n", 100))
        .startsWith(" | error -1: invalid character after chunk size");
    assertThat(frame(chunked(LineEnds.CRLF, 1000), "1000000000000000\r\n", 100))
        .startsWith(" | error -1: chunk size too large");
    assertThat(frame(chunked(LineEnds.CRLF, 1000), "1;" + "x".repeat(5000), 1000))
        .startsWith(" | error -1: chunk size line too long");
    assertThat(frame(chunked(LineEnds.CRLF, 5), "3\r\nabc\r\n3\r\n", 100))
        .startsWith("abc | error -2: body larger than 5 bytes");
    assertThat(frame(chunked(LineEnds.CRLF, 1000), "0\r\nX: " + "a".repeat(64) + "\r\n\r\n", 7))
        .startsWith(" | error -3: trailer section larger than 64 bytes");
    assertThat(frame(chunked(LineEnds.CRLF, 1000), "0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", 7))
        .startsWith(" | error -3: trailer section with more than 2 fields");
    assertThat(frame(chunked(LineEnds.CRLF, 1000), "0\r\nA : 1\r\n\r\n", 7))
        .startsWith(" | error -1: invalid character in header name (trailer)");
  }

  @Example
  void writeTrailers_onlyRightAfterAChunkedBody() {
    BodyFramer f = chunked(LineEnds.CRLF_OR_LF, 1000);
    ByteBuf b = Unpooled.copiedBuffer("0\r\nA: 1\nB: 2\r\n\r\n", ISO_8859_1);
    assertThat(f.next(b)).isEqualTo(BodyFramer.END);
    ByteBuf out = Unpooled.buffer();
    f.writeTrailers(b, out);
    assertThat(out.toString(ISO_8859_1)).isEqualTo("A: 1\r\nB: 2\r\n");
    out.clear();
    f.startFixed(0);
    f.writeTrailers(b, out);
    assertThat(out.isReadable()).isFalse();
    b.release();
    out.release();
  }
}
