package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShortHistoryNotesTest {

  @Test
  void condense_everyPeriodOnce_consequencesDropped_otherNotesKept() {
    List<String> notes =
        List.of(
            "ets: series too short for seasonal period 24 (3 values): no seasonality",
            "mstl: series too short for seasonal period 24 (3 values)",
            "mstl: no usable seasonal period: used ets(A,N,N)",
            "prophet fits the observed values only, not the filled ones",
            "auto: series too short to validate: used the median of the members");
    assertThat(ShortHistoryNotes.condense(notes, new double[] {168}, 3))
        .containsExactly(
            "series too short for seasonal periods 24 and 168 (3 values; a season needs two"
                + " cycles): left out; auto: series too short to validate: used the median of"
                + " the members",
            "prophet fits the observed values only, not the filled ones");
  }

  @Test
  void condense_mergedNoteTakesThePlaceOfTheFirstItReplaces_orComesLast() {
    List<String> notes =
        List.of(
            "broken gave non-finite values: used naive",
            "series too short for seasonal period 24 (30 values): used naive",
            "constant tail");
    assertThat(ShortHistoryNotes.condense(notes, new double[] {168}, 30))
        .containsExactly(
            "broken gave non-finite values: used naive",
            "series too short for seasonal periods 24 and 168 (30 values; a season needs two"
                + " cycles): left out",
            "constant tail");
    assertThat(ShortHistoryNotes.condense(List.of("fitted"), new double[] {168}, 100))
        .containsExactly(
            "fitted",
            "series too short for seasonal period 168 (100 values; a season needs two cycles):"
                + " left out");
  }

  @Test
  void condense_nothingTooShort_notesUnchanged() {
    List<String> notes = List.of("constant series: flat forecast");
    assertThat(ShortHistoryNotes.condense(notes, new double[0], 50)).isEqualTo(notes);
  }

  @Test
  void period_writtenAsTheNumberItIs() {
    assertThat(ShortHistoryNotes.period(168)).isEqualTo("168");
    assertThat(ShortHistoryNotes.period(365.25)).isEqualTo("365.25");
    assertThat(ShortHistoryNotes.period(52.18)).isEqualTo("52.18");
  }
}
