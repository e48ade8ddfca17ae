@NullMarked
package dev.alo.engine.forecast;

import org.jspecify.annotations.NullMarked;
