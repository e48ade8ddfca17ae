package dev.alo.engine.forecast.prophet;

import dev.alo.engine.InputException;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A named event on given dates (UTC days). Each day offset in [lowerWindow, upperWindow] around an
 * occurrence gets its own indicator feature, as in Prophet; e.g. lowerWindow -1, upperWindow 1
 * covers the day before, the day and the day after.
 *
 * @param name the holiday's name (its component in the forecast)
 * @param dates occurrences
 * @param lowerWindow days before each date (&lt;= 0)
 * @param upperWindow days after each date (&gt;= 0)
 * @param priorScale Normal prior scale of its effects; empty = the model's holidays prior scale
 */
public record Holiday(
    String name,
    List<LocalDate> dates,
    int lowerWindow,
    int upperWindow,
    OptionalDouble priorScale) {
  /** Validates and copies. */
  public Holiday {
    if (name.isBlank()) {
      throw new InputException("holiday name is blank; expected a non-empty name");
    }
    if (lowerWindow > 0 || upperWindow < 0) {
      throw new InputException(
          "holiday "
              + name
              + ": window ["
              + lowerWindow
              + ", "
              + upperWindow
              + "] invalid; expected lowerWindow <= 0 <= upperWindow");
    }
    if (priorScale.isPresent() && !(priorScale.getAsDouble() > 0)) {
      throw new InputException(
          "holiday " + name + ": prior scale " + priorScale.getAsDouble() + " must be > 0");
    }
    dates = List.copyOf(dates);
  }

  /** A holiday with the model's default prior scale. */
  public static Holiday of(String name, List<LocalDate> dates, int lowerWindow, int upperWindow) {
    return new Holiday(name, dates, lowerWindow, upperWindow, OptionalDouble.empty());
  }
}
