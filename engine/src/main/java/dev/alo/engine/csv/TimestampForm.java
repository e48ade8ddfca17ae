package dev.alo.engine.csv;

/**
 * One form the timestamps of a time column were written in, whatever their offset's value.
 *
 * @param pattern the form, e.g. {@code yyyy-MM-dd HH:mm}, {@code yyyy-MM-dd'T'HH:mm:ss+HH:mm} or
 *     {@code epoch seconds}
 * @param rows how many rows were read in it
 * @param firstLine the physical line of its first row
 */
public record TimestampForm(String pattern, int rows, int firstLine) {}
