package dev.alo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProxyCommandTest {

  @Test
  void proxy_withoutBackend_exitsTwo() {
    MainTest.Run r = MainTest.run("proxy", "--listen", "127.0.0.1:0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--backend");
  }

  @Test
  void proxy_unknownAlgorithm_exitsTwoListingTheNames() {
    MainTest.Run r =
        MainTest.run("proxy", "--backend", "http://127.0.0.1:9", "--algorithm", "fastest");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'fastest' is unknown").contains("p2c").contains("round-robin");
  }

  @Test
  void proxy_badBackendUrl_exitsTwoNamingIt() {
    MainTest.Run r = MainTest.run("proxy", "--backend", "ftp://x:1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("ftp://x:1").contains("http://HOST:PORT");
    r = MainTest.run("proxy", "--backend", "http://127.0.0.1:9001,weight=0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("weight 0");
  }

  @Test
  void proxy_badListen_exitsTwo() {
    MainTest.Run r = MainTest.run("proxy", "--backend", "http://127.0.0.1:9", "--listen", "8080");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--listen '8080': expected HOST:PORT");
  }

  @Test
  void backend_badErrorRate_exitsTwo() {
    MainTest.Run r = MainTest.run("backend", "--error-rate", "1.5");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--error-rate 1.5");
  }
}
