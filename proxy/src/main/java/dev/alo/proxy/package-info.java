/**
 * ALO's reverse proxy: a Netty HTTP/1.1 load balancer over the engine's {@code Balancer}, with
 * strict request parsing, health checks, outlier ejection, retries and live statistics. This
 * package holds the server ({@link ProxyServer}), its configuration ({@link ProxyConfig}),
 * statistics and the client side of the proxy; HTTP/1 framing is in {@code dev.alo.proxy.http1},
 * the backends' state, connection pools and checks in {@code dev.alo.proxy.upstream}, TLS in {@code
 * dev.alo.proxy.tls}, the admin endpoint in {@code dev.alo.proxy.admin}. The load generator and the
 * sample backend live in {@code dev.alo.loadtest} (module {@code loadtest}).
 */
@NullMarked
package dev.alo.proxy;

import org.jspecify.annotations.NullMarked;
