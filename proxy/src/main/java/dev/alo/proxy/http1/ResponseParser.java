package dev.alo.proxy.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;

/**
 * A byte-level parser of the responses on one backend connection, over the framing core ({@link
 * ResponseHead}, {@link BodyFramer}). It finds the status line, the header fields and the body
 * framing without building header objects, and the proxy copies the end-to-end fields straight into
 * the client's response ({@link #writeHeaders}). Body bytes are handed on as retained slices of the
 * input, de-chunked. It tracks message boundaries: {@link #atBoundary} tells whether the connection
 * may carry another request.
 *
 * <p>Framing follows RFC 9112 6.3: no body for HEAD, 1xx, 204 and 304; chunked when the last
 * transfer coding is chunked; else Content-Length; else the body runs until the connection closes.
 * Interim 1xx heads are reported and parsing goes on with the final response; after a 101 it stops
 * ({@link #takeRemaining}). A malformed response, or bytes the proxy did not ask for, are reported
 * once through {@link Listener#onError} and parsing stops.
 */
public final class ResponseParser {
  /** Receives what the parser finds; the parser is only valid to read during the calls. */
  public interface Listener {
    /** A complete head (also of interim responses: see {@link #status}). */
    void onHead(ResponseParser head);

    /** Body bytes, de-chunked; the receiver owns (releases) {@code data}. */
    void onBody(ByteBuf data);

    /** The response is complete; chunked trailers can be copied with {@link #writeTrailers}. */
    void onEnd(ResponseParser response);

    /** The backend's bytes are not a valid response (or not one that was asked for). */
    void onError(String reason);
  }

  private enum State {
    IDLE,
    HEAD,
    BODY,
    UPGRADED,
    FAILED
  }

  private final Listener listener;
  private final ResponseHead head = new ResponseHead();
  private final BodyFramer framer =
      new BodyFramer(
          LineEnds.CRLF_OR_LF, ResponseHead.MAX_SIZE, ResponseHead.MAX_FIELDS, Long.MAX_VALUE);

  private @Nullable ByteBuf buf;
  private State state = State.IDLE;
  private boolean headRequest;
  private boolean parsing;
  // No response is owed and the last one (if any) let the connection stay open.
  private boolean reusable = true;
  private int upgradeHeadLength;

  public ResponseParser(Listener listener) {
    this.listener = listener;
  }

  /** Expects the response to the request just sent ({@code headRequest}: a HEAD, no body). */
  public void expect(boolean headRequest) {
    this.headRequest = headRequest;
    reusable = false;
    if (state == State.IDLE) {
      state = State.HEAD;
    }
  }

  /**
   * Whether the connection stands exactly at a message boundary and may carry another request: no
   * response is expected or in progress, the last one was complete and did not close the
   * connection, and no byte after it is waiting.
   */
  public boolean atBoundary() {
    ByteBuf b = buf;
    return state == State.IDLE && reusable && (b == null || !b.isReadable());
  }

  /** Stops parsing for good and releases what is buffered. */
  public void stop() {
    state = State.FAILED;
    reusable = false;
    release();
  }

  /**
   * After a 101 head: the bytes that came after it (the new protocol's first bytes), possibly
   * empty; the parser is done.
   */
  public ByteBuf takeRemaining() {
    ByteBuf b = buf;
    buf = null;
    if (b != null && state == State.UPGRADED) {
      b.skipBytes(upgradeHeadLength);
    }
    state = State.FAILED;
    return b == null ? Unpooled.EMPTY_BUFFER : b;
  }

  /** Takes {@code in} (and its reference) and parses as far as it goes. */
  public void feed(ByteBuf in) {
    if (state == State.FAILED || state == State.UPGRADED) {
      in.release();
      return;
    }
    buf = Cumulation.append(buf, in, in.alloc());
    parse();
  }

  /** The connection closed: ends a body delimited by the close; anything else is cut short. */
  public void inputClosed() {
    if (state == State.BODY && framer.untilClose()) {
      state = State.IDLE;
      release();
      end();
    } else {
      stop();
    }
  }

  // ------------------------------------------------------------ the current head, for listeners

  public int status() {
    return head.status();
  }

  /** Whether the connection can carry another request after this response. */
  public boolean keepAlive() {
    return head.keepAlive();
  }

  /** Whether the response has a body whose length is not known up front (chunked or to close). */
  public boolean lengthUnknown() {
    return head.lengthUnknown(headRequest);
  }

  /** Whether the backend sent the body chunked. */
  public boolean chunked() {
    return head.chunked();
  }

  /**
   * Copies the status code, a space and the reason phrase ("200 OK", no line end) to {@code out}.
   */
  public void writeStatus(ByteBuf out) {
    head.writeStatus(out);
  }

  /**
   * Copies the header lines to {@code out}, each ending in CRLF: with {@code all} every line, else
   * only end-to-end fields (no hop-by-hop fields, nor those the Connection header names, nor a
   * Content-Length that a Transfer-Encoding overrides).
   */
  public void writeHeaders(ByteBuf out, boolean all) {
    head.writeHeaders(out, all);
  }

  /** During {@link Listener#onEnd} of a chunked response: copies the trailer lines (CRLF each). */
  public void writeTrailers(ByteBuf out) {
    ByteBuf b = buf;
    if (b != null) {
      framer.writeTrailers(b, out);
    }
  }

  // ------------------------------------------------------------ parsing

  private void release() {
    ByteBuf b = buf;
    buf = null;
    head.reset();
    if (b != null) {
      b.release();
    }
  }

  private void parse() {
    if (parsing) {
      return;
    }
    parsing = true;
    try {
      while (buf != null && step(buf)) {
        // keep going while progress is made
      }
    } finally {
      parsing = false;
    }
    ByteBuf b = buf;
    if (b != null && !b.isReadable()) {
      release();
    }
  }

  /** One parsing step; false when more input is needed or parsing has stopped. */
  private boolean step(ByteBuf b) {
    return switch (state) {
      case IDLE -> b.isReadable() && fail("bytes from the backend while no request was waiting");
      case HEAD -> head(b);
      case BODY -> body(b);
      case UPGRADED, FAILED -> false;
    };
  }

  private boolean fail(String reason) {
    stop();
    listener.onError(reason);
    return false;
  }

  private boolean head(ByteBuf b) {
    int length = head.read(b);
    if (length == ResponseHead.MORE) {
      return false;
    } else if (length < 0) {
      return fail(head.problem());
    }
    int status = head.status();
    if (status == 101) {
      // The connection now speaks another protocol: the rest belongs to the tunnel.
      state = State.UPGRADED;
      upgradeHeadLength = length;
      listener.onHead(this);
      return false;
    }
    if (status < 200) {
      state = State.HEAD;
    } else {
      state = head.startBody(framer, headRequest) ? State.BODY : State.IDLE;
    }
    listener.onHead(this);
    ByteBuf after = buf;
    if (after == null) {
      return false;
    }
    after.skipBytes(length);
    if (state == State.IDLE && status >= 200) {
      end();
    }
    return true;
  }

  /** A final response is complete: the connection is reusable when the backend keeps it open. */
  private void end() {
    reusable = head.keepAlive();
    listener.onEnd(this);
  }

  private boolean body(ByteBuf b) {
    int r = framer.next(b);
    if (r == BodyFramer.DATA) {
      int n = framer.available(b);
      ByteBuf slice = b.readRetainedSlice(n);
      if (framer.taken(n)) {
        state = State.IDLE;
      }
      State after = state;
      listener.onBody(slice);
      if (after == State.IDLE && state == State.IDLE) {
        end();
      }
      return true;
    } else if (r == BodyFramer.END) {
      // Past the response before the listener hears of its end (it may judge the connection
      // reusable, or send the next request, from there); the trailer lines stay readable behind.
      state = State.IDLE;
      end();
      return true;
    } else if (r == BodyFramer.MORE) {
      return false;
    }
    return fail(framer.problem());
  }
}
