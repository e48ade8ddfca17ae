package dev.alo.proxy.upstream;

import dev.alo.proxy.http1.ResponseParser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * What the exchange that holds a backend connection hears from it, on the connection's event loop:
 * the parsed response in pieces, the end of a read, writability and the close.
 */
public interface UpstreamListener {
  /** A response head (interim ones included). */
  void onResponseHead(ResponseParser head);

  /** A piece of the response body; the listener owns (releases or forwards) {@code data}. */
  void onResponseBody(ByteBuf data);

  /** The response ended; trailers, if any, are in {@code response}. */
  void onResponseEnd(ResponseParser response);

  /** The backend's bytes are not a valid response; the connection is being closed. */
  void onResponseError(String reason);

  /** A read from the backend ended: time to flush what was written to the client. */
  void onUpstreamReadComplete();

  /** The backend connection can take more bytes, or no longer can. */
  void onUpstreamWritabilityChanged(boolean writable);

  /** The backend connection {@code ch} closed. */
  void onUpstreamClosed(Channel ch);
}
