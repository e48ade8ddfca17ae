package dev.alo.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The notes of a batch of series as stderr lines: a note that many series share (the same text once
 * each series' own counts are left out) is one line with the count and the first few names, not one
 * line per series; the others stay one line per series, in the batch's order.
 */
final class BatchNotes {
  /** Series sharing a note from which on it is summarised. */
  static final int SUMMARISED_FROM = 4;

  /** Names shown in a summary line. */
  static final int NAMES_SHOWN = 3;

  /** A series' own count in a note, e.g. {@code (72 values; needs two cycles)}. */
  private static final Pattern OWN_COUNT =
      Pattern.compile("\\s*\\([^()]*\\b\\d+ values\\b[^()]*\\)");

  private BatchNotes() {}

  /** A series' name and notes. */
  record Named(String name, List<String> notes) {}

  /** The lines to print (without the {@code alo: } prefix). */
  static List<String> lines(List<Named> series) {
    Map<String, List<String>> holders = new LinkedHashMap<>();
    for (Named s : series) {
      for (String note : s.notes()) {
        holders.computeIfAbsent(shared(note), k -> new ArrayList<>()).add(s.name());
      }
    }
    List<String> lines = new ArrayList<>();
    for (Named s : series) {
      for (String note : s.notes()) {
        if (holders.getOrDefault(shared(note), List.of()).size() < SUMMARISED_FROM) {
          lines.add(s.name() + ": " + note);
        }
      }
    }
    holders.forEach(
        (note, names) -> {
          if (names.size() >= SUMMARISED_FROM) {
            lines.add(names.size() + " series (" + examples(names) + "): " + note);
          }
        });
    return lines;
  }

  /** The note without the counts that differ from series to series. */
  static String shared(String note) {
    return OWN_COUNT.matcher(note).replaceAll("");
  }

  private static String examples(List<String> names) {
    String shown = String.join(", ", names.subList(0, NAMES_SHOWN));
    return shown + " and " + (names.size() - NAMES_SHOWN) + " more";
  }
}
