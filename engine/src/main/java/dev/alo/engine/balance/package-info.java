@NullMarked
package dev.alo.engine.balance;

import org.jspecify.annotations.NullMarked;
