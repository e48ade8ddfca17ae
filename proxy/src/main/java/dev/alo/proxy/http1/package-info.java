/**
 * HTTP/1.1 on the wire for the proxy and the load generator: the strict request decoder, the
 * backend response parser, the load generator's response reader and the request head written to
 * backends, all over one framing core (line scanning, fixed-length and chunked bodies).
 */
@NullMarked
package dev.alo.proxy.http1;

import org.jspecify.annotations.NullMarked;
