package dev.alo.proxy.http1;

import io.netty.handler.codec.http.HttpRequest;

/**
 * A request head that passed strict validation, with how its body is framed.
 *
 * @param head the request line and headers, hop-by-hop headers still present
 * @param contentLength the body length, or -1 when the body is chunked; with 0 the request is
 *     complete (no content message follows)
 * @param closeAfter the request was ambiguous and normalised: close the client after answering
 * @param expectContinue the client sent {@code Expect: 100-continue}
 */
public record ParsedRequest(
    HttpRequest head, long contentLength, boolean closeAfter, boolean expectContinue)
    implements DecodedHead {

  /** Whether a body follows the head. */
  public boolean hasBody() {
    return contentLength != 0;
  }
}
