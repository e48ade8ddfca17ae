package dev.alo.engine.csv;

import java.util.Arrays;

/**
 * The decimal separator of one value column, given or found from its values. A value with only one
 * reading (such as {@code 12.5}, {@code 0,25} or {@code 1.234,5}) decides the column; until then,
 * values with two readings (such as {@code 1.234}: 1.234 or 1234) are kept as read with a decimal
 * point and remembered with their other reading, which replaces them if the column turns out to use
 * a decimal comma.
 */
final class DecimalColumn {
  /** How a cell reads: the same either way, with one separator only, or differently with each. */
  enum Reading {
    SAME,
    POINT,
    COMMA,
    TWO
  }

  private final boolean given;
  private char decimal;
  private String decidedBy = "";
  private int decidedOn;

  private int[] twoRows = new int[0];
  private double[] commaValues = new double[0];
  private int twoCount;
  private String firstTwo = "";
  private int firstTwoLine;
  private double firstTwoPoint;
  private double firstTwoComma;

  /**
   * @param given the separator to use, or 0 to find it
   */
  DecimalColumn(char given) {
    this.given = given != 0;
    this.decimal = given;
  }

  /** Whether the separator was given rather than found. */
  boolean given() {
    return given;
  }

  /** The separator: given, or found so far; 0 while no value has decided. */
  char decimal() {
    return decimal;
  }

  /** The text of the value that decided the separator. */
  String decidedBy() {
    return decidedBy;
  }

  /** The physical line of the value that decided the separator. */
  int decidedOn() {
    return decidedOn;
  }

  /** Whether values with two readings are waiting for a value that decides. */
  boolean undecided() {
    return decimal == 0 && twoCount > 0;
  }

  /** The first value with two readings, its line and both readings, for messages. */
  String firstTwo() {
    return firstTwo;
  }

  int firstTwoLine() {
    return firstTwoLine;
  }

  double firstTwoPoint() {
    return firstTwoPoint;
  }

  double firstTwoComma() {
    return firstTwoComma;
  }

  /**
   * Takes note of an accepted cell.
   *
   * @param column the column's values so far (index {@code row} holds the cell's point reading)
   * @param comma the cell's reading with a decimal comma (for {@link Reading#TWO})
   */
  void accept(Reading reading, int row, double comma, double[] column, Row cells, int col) {
    switch (reading) {
      case SAME -> {}
      case POINT -> decide('.', cells, col, column);
      case COMMA -> decide(',', cells, col, column);
      case TWO -> {
        if (twoCount == 0) {
          firstTwo = cells.trimmed(col);
          firstTwoLine = cells.lines[col];
          firstTwoPoint = column[row];
          firstTwoComma = comma;
        }
        if (twoCount == twoRows.length) {
          int n = Math.max(16, twoCount * 2);
          twoRows = Arrays.copyOf(twoRows, n);
          commaValues = Arrays.copyOf(commaValues, n);
        }
        twoRows[twoCount] = row;
        commaValues[twoCount++] = comma;
      }
    }
  }

  private void decide(char d, Row cells, int col, double[] column) {
    if (decimal != 0) {
      return;
    }
    decidedBy = cells.trimmed(col);
    decidedOn = cells.lines[col];
    settle(d, column);
  }

  /** Decides the separator (for a column whose own values did not), replacing values if ','. */
  void settle(char d, double[] column) {
    decimal = d;
    if (d == ',') {
      for (int i = 0; i < twoCount; i++) {
        column[twoRows[i]] = commaValues[i];
      }
    }
    twoRows = new int[0];
    commaValues = new double[0];
    twoCount = 0;
  }
}
