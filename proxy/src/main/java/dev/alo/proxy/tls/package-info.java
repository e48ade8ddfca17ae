/**
 * TLS termination for the proxy's listener: PEM certificate chains and keys read and checked
 * ({@code PemFiles}), the SSL context and its reload when the files change ({@link ServerTls}), and
 * the first handler of a connection that tells TLS from plain HTTP and bounds the handshake ({@link
 * TlsSniffer}).
 */
@NullMarked
package dev.alo.proxy.tls;

import org.jspecify.annotations.NullMarked;
