package dev.alo.engine.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalancerRegistryTest {
  private final BalancerOptions options = BalancerOptions.seeded(1, () -> 0L);

  @Test
  void names_listsTheSevenCanonicalNamesInOrder() {
    assertThat(Balancer.names())
        .containsExactly(
            "round-robin",
            "weighted-round-robin",
            "least-connections",
            "ip-hash",
            "random",
            "p2c",
            "peak-ewma");
  }

  @Test
  void maxBackends_ipHashIsBoundByItsTable_theOthersAreNot() {
    assertThat(Balancer.maxBackends("ip-hash")).isEqualTo(65_537);
    List<Backend> many = new java.util.ArrayList<>();
    for (int i = 0; i <= Balancer.maxBackends("ip-hash"); i++) {
      many.add(Backend.of("b" + i));
    }
    assertThatThrownBy(() -> Balancer.byName("ip-hash", options).setBackends(many))
        .isInstanceOf(IllegalArgumentException.class);
    Balancer.byName("ip-hash", options).setBackends(many.subList(0, many.size() - 1));
    for (String name : List.of("rr", "round-robin", "p2c", "least-connections")) {
      assertThat(Balancer.maxBackends(name)).as(name).isEqualTo(Integer.MAX_VALUE);
    }
  }

  @Test
  void byName_everyCanonicalName_buildsABalancerOfThatName() {
    for (String name : Balancer.names()) {
      assertThat(Balancer.byName(name, options).name()).isEqualTo(name);
    }
  }

  @Test
  void byName_aliasesAndCase_resolveToTheCanonicalAlgorithm() {
    assertThat(Balancer.byName("rr", options).name()).isEqualTo("round-robin");
    assertThat(Balancer.byName("WRR", options).name()).isEqualTo("weighted-round-robin");
    assertThat(Balancer.byName(" lc ", options).name()).isEqualTo("least-connections");
    assertThat(Balancer.byName("Peak-EWMA", options).name()).isEqualTo("peak-ewma");
    assertThat(Balancer.canonicalName("wrr")).contains("weighted-round-robin");
    assertThat(Balancer.canonicalName("fastest")).isEmpty();
  }

  @Test
  void byName_unknownName_namesItAndListsTheValidNames() {
    assertThatThrownBy(() -> Balancer.byName("fastest", options))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'fastest'")
        .hasMessageContaining("round-robin (rr)")
        .hasMessageContaining("weighted-round-robin (wrr)")
        .hasMessageContaining("least-connections (lc)")
        .hasMessageContaining("ip-hash, random, p2c, peak-ewma");
  }

  @Test
  void algorithm_parse_namesAliasesAndCase_giveTheTypedValue() {
    assertThat(Algorithm.parse("p2c")).isEqualTo(Algorithm.P2C);
    assertThat(Algorithm.parse(" WRR ")).isEqualTo(Algorithm.WEIGHTED_ROUND_ROBIN);
    assertThat(Algorithm.parse("least-connections").canonicalName()).isEqualTo("least-connections");
    assertThat(Algorithm.find("fastest")).isEmpty();
    for (Algorithm a : Algorithm.values()) {
      assertThat(Algorithm.parse(a.canonicalName())).isEqualTo(a);
      assertThat(a.create(options).name()).isEqualTo(a.canonicalName()).isEqualTo(a.toString());
    }
  }

  @Test
  void algorithm_parse_unknownName_namesItAndListsTheValidNames() {
    assertThatThrownBy(() -> Algorithm.parse("fastest"))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "unknown balancing algorithm 'fastest' (expected one of: round-robin (rr),"
                + " weighted-round-robin (wrr), least-connections (lc), ip-hash, random, p2c,"
                + " peak-ewma)");
  }

  @Test
  void byName_emptyName_isUnknown() {
    assertThatThrownBy(() -> Balancer.byName("", options)).isInstanceOf(InputException.class);
  }

  @Test
  void withBoundedLoad_factorNotAboveOne_isRefused() {
    assertThatThrownBy(() -> options.withBoundedLoad(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.0");
    assertThatThrownBy(() -> options.withBoundedLoad(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void seeded_sameSeed_givesTheSameRandomPicks() {
    List<Backend> backends = Fixtures.backends(10);
    for (String name : List.of("random", "p2c", "peak-ewma")) {
      Balancer a = Balancer.byName(name, BalancerOptions.seeded(7, () -> 0L));
      Balancer b = Balancer.byName(name, BalancerOptions.seeded(7, () -> 0L));
      a.setBackends(backends);
      b.setBackends(backends);
      for (int i = 0; i < 200; i++) {
        assertThat(Fixtures.pick(a, i)).as(name).isSameAs(Fixtures.pick(b, i));
      }
    }
  }

  @Test
  void setBackends_duplicateIds_isRefused() {
    for (String name : Balancer.names()) {
      Balancer balancer = Fixtures.balancer(name);
      assertThatThrownBy(() -> balancer.setBackends(List.of(Backend.of("a"), Backend.of("a"))))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("duplicate backend id: a");
    }
  }

  @Test
  void backends_returnsTheMembershipInOrder() {
    List<Backend> backends = Fixtures.backends(4);
    for (String name : Balancer.names()) {
      Balancer balancer = Fixtures.balancer(name);
      assertThat(balancer.backends()).isEmpty();
      balancer.setBackends(backends);
      assertThat(balancer.backends()).as(name).containsExactlyElementsOf(backends);
    }
  }
}
