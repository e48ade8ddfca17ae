package dev.alo.proxy.http1;

import io.netty.buffer.ByteBuf;

/**
 * The load generator's response reader: it finds where each response ends (by {@code
 * Content-Length}, chunked encoding, or the connection closing) and keeps only the status and
 * whether the connection stays open. It reads with the proxy's framing core ({@link ResponseHead},
 * {@link BodyFramer}), so it accepts what the proxy accepts from a backend, and allocates nothing
 * per response. Interim {@code 1xx} responses are skipped. Not thread-safe; one per connection.
 */
public final class ResponseReader {
  /** Returned by {@link #read} when the bytes so far do not finish a response. */
  public static final int MORE = -1;

  /** The response could not be read as HTTP/1.1. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  private final ResponseHead head = new ResponseHead();
  private final BodyFramer body =
      new BodyFramer(
          LineEnds.CRLF_OR_LF, ResponseHead.MAX_SIZE, ResponseHead.MAX_FIELDS, Long.MAX_VALUE);
  private boolean inBody;
  private boolean keepAlive;

  /**
   * Consumes bytes of {@code in} up to the end of one response.
   *
   * @return the status of the response that ended, or {@link #MORE}; bytes after that response stay
   *     unread in {@code in}, and bytes of a head not yet complete stay too (the next call goes on
   *     from there, so the caller must keep them, at the reader index, and add to them)
   * @throws MalformedException when the bytes are not an HTTP/1.1 response
   */
  public int read(ByteBuf in) throws MalformedException {
    while (!inBody) {
      int length = head.read(in);
      if (length == ResponseHead.MORE) {
        return MORE;
      } else if (length < 0) {
        throw new MalformedException(head.problem());
      }
      in.skipBytes(length);
      int status = head.status();
      if (status >= 200 || status == 101) {
        if (!head.startBody(body, false)) {
          return finish();
        }
        inBody = true;
      }
    }
    while (true) {
      int r = body.next(in);
      if (r == BodyFramer.DATA) {
        int n = body.available(in);
        in.skipBytes(n);
        if (body.taken(n)) {
          return finish();
        }
      } else if (r == BodyFramer.END) {
        return finish();
      } else if (r == BodyFramer.MORE) {
        return MORE;
      } else {
        throw new MalformedException(body.problem());
      }
    }
  }

  /**
   * The connection closed: the status of a response that the close completes (one without a
   * length), or {@link #MORE} when a response was cut short or none had begun.
   */
  public int closed() {
    return inBody && body.untilClose() ? finish() : MORE;
  }

  /** Whether the last complete response leaves the connection open. */
  public boolean keepAlive() {
    return keepAlive;
  }

  private int finish() {
    inBody = false;
    keepAlive = head.keepAlive();
    return head.status();
  }
}
