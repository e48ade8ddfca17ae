package dev.alo.engine.forecast.prophet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolidayTableTest {

  @Test
  void parse_prophetFormat_mergesRowsPerHolidayWithWindows() {
    List<Holiday> h =
        HolidayTable.parse(
            "h.csv",
            List.of(
                "holiday,ds,lower_window,upper_window",
                "\"playoff\",\"2008-01-13\",0,1",
                "superbowl,2010-02-07,-1,1",
                "playoff,2009-01-03 00:00:00,0,1"));
    assertThat(h).hasSize(2);
    assertThat(h.get(0).name()).isEqualTo("playoff");
    assertThat(h.get(0).dates())
        .containsExactly(LocalDate.of(2008, 1, 13), LocalDate.of(2009, 1, 3));
    assertThat(h.get(0).upperWindow()).isEqualTo(1);
    assertThat(h.get(1).lowerWindow()).isEqualTo(-1);
    assertThat(h.get(1).priorScale()).isEmpty();
  }

  @Test
  void parse_badDate_namesFileLineAndValue() {
    assertThatThrownBy(() -> HolidayTable.parse("h.csv", List.of("holiday,ds", "x,13/01/2008")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("h.csv line 2")
        .hasMessageContaining("13/01/2008");
  }

  @Test
  void parse_inconsistentWindows_areRejected() {
    assertThatThrownBy(
            () ->
                HolidayTable.parse(
                    "h.csv",
                    List.of(
                        "holiday,ds,lower_window,upper_window",
                        "x,2008-01-13,0,1",
                        "x,2009-01-13,0,2")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("one window");
  }

  @Test
  void parse_missingColumns_explainsTheExpectedHeader() {
    assertThatThrownBy(() -> HolidayTable.parse("h.csv", List.of("name,date")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("holiday and ds");
  }
}
