/**
 * ALO's reverse proxy: a Netty HTTP/1.1 load balancer over the engine's {@code Balancer}, with
 * strict request parsing, health checks, outlier ejection, retries and live statistics. This
 * package holds the server ({@link ProxyServer}), its configuration ({@link ProxyConfig}) and
 * statistics, and (until they get packages of their own) the HTTP/1 framing and the upstream pools
 * and checks; TLS is in {@code dev.alo.proxy.tls}, the admin endpoint in {@code
 * dev.alo.proxy.admin}. The load generator and the sample backend live in {@code dev.alo.loadtest}
 * (module {@code loadtest}).
 */
@NullMarked
package dev.alo.proxy;

import org.jspecify.annotations.NullMarked;
