/**
 * The proxy's side toward the backends: the backends' state behind methods ({@link BackendState}),
 * pooled keep-alive connections and the handler that reads responses on them ({@link UpstreamPool},
 * {@link UpstreamHandler}), active health checks ({@link HealthChecker}), passive outlier ejection
 * ({@link OutlierDetector}), the retry budget ({@link RetryBudget}) and the per-connection timer on
 * the proxy's clock ({@link LazyTimer}).
 */
@NullMarked
package dev.alo.proxy.upstream;

import org.jspecify.annotations.NullMarked;
