/** The {@code alo} command line: one picocli command per subcommand, thin over the engine. */
@NullMarked
package dev.alo.cli;

import org.jspecify.annotations.NullMarked;
