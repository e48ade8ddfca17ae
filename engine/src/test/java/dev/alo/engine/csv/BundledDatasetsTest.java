package dev.alo.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BundledDatasetsTest {
  static final Path DATASETS = Path.of(System.getProperty("alo.root.dir"), "datasets");

  @Test
  void everyBundledCsv_parsesWithRowsAndAValueColumn() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(DATASETS)) {
      files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(12);
    for (Path f : files) {
      CsvData d = CsvReader.read(f, CsvOptions.defaults());
      assertThat(d.table().size()).as(f.toString()).isGreaterThan(100);
      assertThat(d.table().columnCount()).as(f.toString()).isEqualTo(1);
      assertThat(d.report().skippedRows()).isZero();
    }
  }

  @Test
  void airPassengers_crOnly_hasAllMonths() {
    CsvData d =
        CsvReader.read(
            DATASETS.resolve("prophet/example_air_passengers.csv"), CsvOptions.defaults());
    assertThat(d.table().size()).isEqualTo(144);
    assertThat(d.table().timestampFormat().format(d.table().timeAt(143))).isEqualTo("1960-12-01");
  }

  @Test
  void yosemite_keepsItsGaps() {
    CsvData d =
        CsvReader.read(
            DATASETS.resolve("prophet/example_yosemite_temps.csv"), CsvOptions.defaults());
    assertThat(d.report().gaps().get("y")).isPositive();
  }
}
