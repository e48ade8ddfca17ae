@NullMarked
package dev.alo.engine.time;

import org.jspecify.annotations.NullMarked;
