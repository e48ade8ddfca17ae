package dev.alo.engine.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Behaviour every algorithm shares: empty membership, unhealthy backends, recovery. */
class HealthTest {

  @Test
  void pick_noBackends_isEmpty() {
    for (String name : Balancer.names()) {
      Balancer balancer = Fixtures.balancer(name);
      assertThat(balancer.pick(1)).as(name).isEmpty();
      balancer.setBackends(List.of());
      assertThat(balancer.pick(1)).as(name).isEmpty();
    }
  }

  @Test
  void pick_noHealthyBackend_isEmpty() {
    for (String name : Balancer.names()) {
      List<Backend> backends = Fixtures.backends(5);
      Balancer balancer = Fixtures.balancer(name);
      balancer.setBackends(backends);
      backends.forEach(b -> b.setHealthy(false));
      for (int key = 0; key < 50; key++) {
        assertThat(balancer.pick(key)).as(name).isEmpty();
      }
    }
  }

  @Property(tries = 30)
  void pick_someUnhealthy_neverReturnsAnUnhealthyBackend(
      @ForAll @IntRange(min = 1, max = 40) int n, @ForAll long downMask) {
    for (String name : Balancer.names()) {
      List<Backend> backends = Fixtures.backends(n);
      for (int i = 0; i < n; i++) {
        backends.get(i).setHealthy(((downMask >>> i) & 1) == 0);
      }
      boolean anyHealthy = backends.stream().anyMatch(Backend::healthy);
      Balancer balancer = Fixtures.balancer(name);
      balancer.setBackends(backends);
      for (int key = 0; key < 100; key++) {
        var picked = balancer.pick(key * 7919L);
        assertThat(picked.isPresent()).as(name).isEqualTo(anyHealthy);
        picked.ifPresent(b -> assertThat(b.healthy()).as(name).isTrue());
        picked.ifPresent(Backend::requestStarted);
      }
    }
  }

  @Test
  void pick_onlyOneHealthy_alwaysReturnsIt() {
    for (String name : Balancer.names()) {
      List<Backend> backends = Fixtures.backends(30);
      backends.forEach(b -> b.setHealthy(false));
      backends.get(17).setHealthy(true);
      Balancer balancer = Fixtures.balancer(name);
      balancer.setBackends(backends);
      for (int key = 0; key < 50; key++) {
        assertThat(Fixtures.pick(balancer, key)).as(name).isSameAs(backends.get(17));
      }
    }
  }

  @Test
  void pick_backendRecovers_isPickedAgain() {
    for (String name : Balancer.names()) {
      List<Backend> backends = Fixtures.backends(2);
      Balancer balancer = Fixtures.balancer(name);
      balancer.setBackends(backends);
      backends.get(0).setHealthy(false);
      assertThat(Fixtures.pick(balancer, 3)).as(name).isSameAs(backends.get(1));
      backends.get(1).setHealthy(false);
      backends.get(0).setHealthy(true);
      assertThat(Fixtures.pick(balancer, 3)).as(name).isSameAs(backends.get(0));
    }
  }
}
