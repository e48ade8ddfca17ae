package dev.alo.cli;

import dev.alo.engine.InputException;
import dev.alo.engine.time.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * The converter of every duration option ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h},
 * {@code 2d}), on the command line and in a {@code --config} file: picocli reports a bad value as
 * {@code Invalid value for option '--idle-timeout': invalid duration 'soon' (expected ...)}.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    try {
      return Durations.parse(text);
    } catch (InputException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
