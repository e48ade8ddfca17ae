/**
 * ALO's reverse proxy: a Netty HTTP/1.1 load balancer over the engine's {@code Balancer}, with
 * strict request parsing, health checks, outlier ejection, retries and live statistics. The load
 * generator and the sample backend live in {@code dev.alo.loadtest} (module {@code loadtest}).
 */
@NullMarked
package dev.alo.proxy;

import org.jspecify.annotations.NullMarked;
