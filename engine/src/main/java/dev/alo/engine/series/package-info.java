@NullMarked
package dev.alo.engine.series;

import org.jspecify.annotations.NullMarked;
