package dev.alo.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.series.SeriesTable;
import dev.alo.engine.series.TimestampFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

  @Test
  void formatNumber_isShortestPlainTextAndGapsAreEmpty() {
    assertThat(CsvWriter.formatNumber(12)).isEqualTo("12");
    assertThat(CsvWriter.formatNumber(0.1)).isEqualTo("0.1");
    assertThat(CsvWriter.formatNumber(12_345_678.5)).isEqualTo("12345678.5");
    assertThat(CsvWriter.formatNumber(1e-7)).isEqualTo("1.0E-7");
    assertThat(CsvWriter.formatNumber(1e20)).isEqualTo("1.0E20");
    assertThat(CsvWriter.formatNumber(-0.0)).isEqualTo("-0");
    assertThat(CsvWriter.formatNumber(Double.NaN)).isEmpty();
    assertThatThrownBy(() -> CsvWriter.formatNumber(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void table_writesHeaderRowsQuotingOnlyWhenNeeded() {
    SeriesTable t =
        SeriesTable.of(
            "ds",
            new long[] {0, 86_400_000L},
            List.of("a,b", "plain"),
            List.of(new double[] {1.5, Double.NaN}, new double[] {2, 3}),
            TimestampFormat.date());
    StringBuilder sb = new StringBuilder();
    CsvWriter.write(t, sb);
    assertThat(sb).hasToString("ds,\"a,b\",plain\n1970-01-01,1.5,2\n1970-01-02,,3\n");
  }

  @Test
  void rowApi_writesFieldsAndTimes() {
    StringBuilder sb = new StringBuilder();
    CsvWriter.to(sb, ';', "\r\n")
        .field("timestamp")
        .field("say \"hi\"")
        .endRow()
        .time(0, TimestampFormat.isoUtc())
        .field(7L)
        .endRow();
    assertThat(sb).hasToString("timestamp;\"say \"\"hi\"\"\"\r\n1970-01-01T00:00:00Z;7\r\n");
  }
}
