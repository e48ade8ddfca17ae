package dev.alo.proxy.http1;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the strict decoder refused: the proxy answers {@code status} with {@code reason} in the
 * body (when no response has started yet) and closes the connection.
 */
public record RequestError(HttpResponseStatus status, String reason) implements DecodedHead {}
