/**
 * ALO's reverse proxy: a Netty HTTP/1.1 load balancer over the engine's {@code Balancer}, with
 * strict request parsing, health checks, outlier ejection, retries and live statistics; plus the
 * sample backend and the load generator used by demos, tests and benchmarks.
 */
@NullMarked
package dev.alo.proxy;

import org.jspecify.annotations.NullMarked;
