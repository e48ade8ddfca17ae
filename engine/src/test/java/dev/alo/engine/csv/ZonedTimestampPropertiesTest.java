package dev.alo.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.engine.series.SeriesTable;
import dev.alo.engine.series.TimestampFormat;
import java.io.StringReader;
import java.time.ZoneId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class ZonedTimestampPropertiesTest {
  @Provide
  Arbitrary<ZoneId> zones() {
    return Arbitraries.of(
            "Europe/Berlin",
            "America/New_York",
            "Australia/Lord_Howe",
            "Asia/Kolkata",
            "America/Santiago",
            "UTC")
        .map(ZoneId::of);
  }

  /**
   * Hourly rows written in a zone read back to the same instants and, in that zone, the same text.
   */
  @Property(tries = 200)
  void hourlyRowsInAZone_readAndWriteBackUnchanged(
      @ForAll @LongRange(min = 0, max = 4_000_000_000L) long startSeconds,
      @ForAll @IntRange(min = 2, max = 60) int hours,
      @ForAll("zones") ZoneId zone) {
    TimestampFormat f = TimestampFormat.isoZone('T', 0, zone);
    long start = startSeconds * 1000;
    StringBuilder text = new StringBuilder("t,v\n");
    long[] times = new long[hours];
    for (int i = 0; i < hours; i++) {
      times[i] = start + i * 3_600_000L;
      text.append(f.format(times[i])).append(',').append(i).append('\n');
    }
    CsvData d =
        CsvReader.read(
            new StringReader(text.toString()), "p.csv", CsvOptions.defaults().withZone(zone));
    assertThat(d.table().times()).containsExactly(times);
    SeriesTable t = d.table();
    StringBuilder out = new StringBuilder();
    CsvWriter.write(t, out);
    assertThat(out.toString()).isEqualTo(text.toString());
    CsvData plain =
        CsvReader.read(new StringReader(text.toString()), "p.csv", CsvOptions.defaults());
    assertThat(plain.table().times()).containsExactly(times);
    assertThat(plain.table().timestampFormat().style())
        .isIn(TimestampFormat.Style.ISO_OFFSET, TimestampFormat.Style.ISO_UTC);
  }
}
