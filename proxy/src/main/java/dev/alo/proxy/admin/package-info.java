/**
 * The proxy's admin endpoint: live statistics as JSON and Prometheus text, and membership changes
 * over HTTP ({@link AdminServer}), open as {@link AdminAccess} allows (reads open, changes only
 * with the token, foreign Host and cross-origin requests refused).
 */
@NullMarked
package dev.alo.proxy.admin;

import org.jspecify.annotations.NullMarked;
