package dev.alo.proxy.tls;

import java.nio.file.Path;
import java.time.Duration;

/**
 * TLS termination on the listener: clients connect with TLS 1.2 or 1.3 and the proxy speaks plain
 * HTTP to the backends. A value; the proxy's configuration builder holds the defaults and checks.
 *
 * @param enabled whether the listener speaks TLS (the paths are empty when it does not)
 * @param certificateChain PEM file: the server certificate, then its intermediates
 * @param privateKey PEM file: the certificate's unencrypted key (PKCS#8, PKCS#1 RSA or SEC1 EC)
 * @param handshakeTimeout a connection whose handshake has not completed within it is closed
 * @param reloadInterval how often the files are checked for a change that is then served to new
 *     connections (zero: never)
 */
public record TlsConfig(
    boolean enabled,
    Path certificateChain,
    Path privateKey,
    Duration handshakeTimeout,
    Duration reloadInterval) {}
