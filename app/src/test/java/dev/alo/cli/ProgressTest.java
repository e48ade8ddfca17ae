package dev.alo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private static Progress shown(StringWriter sink, String label) {
    System.setProperty("alo.progress", "true");
    try {
      return Progress.forTerminal(new PrintWriter(sink, true), label);
    } finally {
      System.clearProperty("alo.progress");
    }
  }

  @Test
  void update_redrawsInPlaceOncePerThousandth_andDoneClearsTheLine() {
    StringWriter sink = new StringWriter();
    Progress p = shown(sink, "forecast");
    p.update(1, 4);
    p.update(1, 4);
    p.update(4, 4);
    p.done();
    String bar = "alo: forecast [" + "#".repeat(7) + " ".repeat(23) + "] 1/4";
    String full = "alo: forecast [" + "#".repeat(30) + "] 4/4";
    assertThat(sink.toString())
        .isEqualTo("\r" + bar + "\r" + full + "\r" + " ".repeat(full.length()) + "\r");
  }

  @Test
  void bytesAndShare_showPercentages_aNewLabelRedraws() {
    StringWriter sink = new StringWriter();
    Progress p = shown(sink, "inspect");
    p.bytes(50L << 20, 200L << 20);
    p.label("simulate rr (1/2)");
    p.share(0.5);
    assertThat(sink.toString())
        .contains("alo: inspect [" + "#".repeat(7) + " ".repeat(23) + "] 25% of 200 MB")
        .contains("\ralo: simulate rr (1/2) [" + "#".repeat(15) + " ".repeat(15) + "] 50%");
  }

  @Test
  void notOnATerminal_printsNothing() {
    StringWriter sink = new StringWriter();
    Progress p = Progress.forTerminal(new PrintWriter(sink, true), "forecast");
    p.update(1, 2);
    p.share(1);
    p.done();
    assertThat(p.active()).isFalse();
    assertThat(sink.toString()).isEmpty();
  }
}
