package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchNotesTest {

  @Test
  void lines_noteSharedByManySeries_oneLineWithCountAndFirstNames() {
    List<BatchNotes.Named> series = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      series.add(
          new BatchNotes.Named(
              "s" + i,
              List.of(
                  "series too short for seasonal period 168 ("
                      + (90 + i % 7)
                      + " values; a season needs two cycles): left out")));
    }
    series.add(new BatchNotes.Named("odd", List.of("constant series: flat forecast")));
    assertThat(BatchNotes.lines(series))
        .containsExactly(
            "odd: constant series: flat forecast",
            "300 series (s1, s2, s3 and 297 more): series too short for seasonal period 168:"
                + " left out");
  }

  @Test
  void lines_noteOfAFewSeries_keptPerSeriesWithItsOwnCounts() {
    List<BatchNotes.Named> series =
        List.of(
            new BatchNotes.Named("a", List.of("series too short (72 values): left out")),
            new BatchNotes.Named("b", List.of("series too short (80 values): left out")));
    assertThat(BatchNotes.lines(series))
        .containsExactly(
            "a: series too short (72 values): left out",
            "b: series too short (80 values): left out");
  }

  @Test
  void forecast_manyShortSeries_theSharedNoteOnce(@TempDir Path dir) throws IOException {
    for (int s = 0; s < 6; s++) {
      StringBuilder csv = new StringBuilder("timestamp,value\n");
      for (int h = 0; h < 100 + s; h++) {
        csv.append(String.format("2024-01-%02d %02d:00:00,%d%n", 1 + h / 24, h % 24, h % 24 + s));
      }
      Files.writeString(dir.resolve("s" + s + ".csv"), csv, UTF_8);
    }
    MainTest.Run r =
        MainTest.run("forecast", dir.toString(), "--horizon", "2", "--model", "snaive");
    assertThat(r.code()).isZero();
    assertThat(r.err().lines().filter(l -> l.contains("period 168")))
        .containsExactly(
            "alo: 6 series (s0, s1, s2 and 3 more): series too short for seasonal period 168:"
                + " left out");
  }
}
