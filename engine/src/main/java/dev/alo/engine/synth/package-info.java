/**
 * Seeded, reproducible synthetic usage data: active users, server load and response time that
 * follow each other, with a daily and weekly shape, optional trend, holiday dips and labelled
 * anomalies. Same profile, same numbers, on every JDK.
 */
@NullMarked
package dev.alo.engine.synth;

import org.jspecify.annotations.NullMarked;
