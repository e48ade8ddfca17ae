/**
 * Load for the proxy: the open-loop load generator ({@code LoadGenerator}, driven by a {@code
 * RateCurve}) and the sample backend used by demos, tests and benchmarks. Built on the proxy
 * module's transport choice and response reader; the proxy does not depend on this package.
 */
@NullMarked
package dev.alo.loadtest;

import org.jspecify.annotations.NullMarked;
