package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import dev.alo.engine.balance.Algorithm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashKeyTest {

  private static Map<String, String> servedBy(HashKey key, List<String> requests) throws Exception {
    List<TestBackend> bs = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      bs.add(Fixtures.backend("b" + i));
    }
    Map<String, String> out = new HashMap<>();
    try (ProxyServer proxy =
        ProxyServer.start(
            Fixtures.builder(bs.stream().map(Fixtures::addr).toList())
                .algorithm(Algorithm.IP_HASH)
                .hashKey(key)
                .build(),
            ProxyLog.none())) {
      for (int round = 0; round < 2; round++) {
        for (String r : requests) {
          try (Raw c = new Raw(proxy.address())) {
            String b = c.send(r).read().header("x-served-by");
            String before = out.putIfAbsent(r, b);
            assertThat(before == null || before.equals(b)).as("same backend for " + r).isTrue();
          }
        }
      }
    } finally {
      bs.forEach(TestBackend::close);
    }
    return out;
  }

  @Test
  void headerKey_sameValueSameBackend_valuesSpread() throws Exception {
    List<String> requests = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      requests.add("GET / HTTP/1.1\r\nHost: h\r\nX-User: user" + i + "\r\n\r\n");
    }
    Map<String, String> m = servedBy(HashKey.parse("header:X-User", List.of()), requests);
    assertThat(new HashSet<>(m.values())).hasSizeGreaterThan(1);
  }

  @Test
  void trustedProxy_rightmostUntrustedForwardedForIsTheClient() throws Exception {
    List<String> requests = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      requests.add(
          "GET / HTTP/1.1\r\nHost: h\r\nX-Forwarded-For: 10.0.0." + i + ", 192.168.1.1\r\n\r\n");
    }
    Map<String, String> m =
        servedBy(HashKey.parse("client", List.of("127.0.0.1", "192.168.1.1")), requests);
    // Without trust, every request would hash 127.0.0.1 and land on one backend.
    assertThat(Set.copyOf(m.values())).hasSizeGreaterThan(1);
  }

  @Test
  void parse_rejectsUnknownKinds() {
    assertThatThrownBy(() -> HashKey.parse("header:", List.of()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("expected client, header:NAME, cookie:NAME or path");
    assertThat(HashKey.parse("cookie:sid", List.of()).kind()).isEqualTo(HashKey.Kind.COOKIE);
    assertThat(HashKey.parse("PATH", List.of()).kind()).isEqualTo(HashKey.Kind.PATH);
  }
}
