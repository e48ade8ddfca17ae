/** A faithful pure-Java re-implementation of the Prophet forecasting model. */
@NullMarked
package dev.alo.engine.forecast.prophet;

import org.jspecify.annotations.NullMarked;
