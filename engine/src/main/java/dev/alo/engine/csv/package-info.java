/**
 * CSV import and export of time series: a streaming, tolerant reader (delimiters, quoting, line
 * endings and timestamp forms found in real exports) and a writer that continues the source's
 * timestamp style.
 */
@NullMarked
package dev.alo.engine.csv;

import org.jspecify.annotations.NullMarked;
