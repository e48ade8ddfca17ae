package dev.alo.proxy;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;

/** Netty's response encoder, told when the response answers a HEAD request (no body follows). */
final class ClientResponseEncoder extends HttpResponseEncoder {
  boolean headResponse;

  @Override
  protected boolean isContentAlwaysEmpty(HttpResponse msg) {
    return headResponse || super.isContentAlwaysEmpty(msg);
  }
}
