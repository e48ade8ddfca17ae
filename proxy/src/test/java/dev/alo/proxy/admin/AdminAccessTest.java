package dev.alo.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Who may use the admin endpoint, decided on the request alone. */
class AdminAccessTest {
  @Test
  void hostnameWithPortOrSpaces_rejected() {
    assertThatThrownBy(() -> AdminAccess.readOnly().withHostnames(List.of("admin:8081")))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "'admin:8081' is not a host name (expected letters, digits, '-' and '.', no port)");
    assertThatThrownBy(() -> AdminAccess.readOnly().withHostnames(List.of("")))
        .isInstanceOf(InputException.class);
  }

  @Property(tries = 300)
  void anyOtherHostOrPort_refused(
      @ForAll("hosts") String host, @ForAll @IntRange(min = 1, max = 65535) int port) {
    InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8081);
    AdminAccess access = AdminAccess.readOnly();
    boolean own = host.equalsIgnoreCase("localhost") || isLoopbackOne(host);
    for (String authority : List.of(host, host + ":" + port)) {
      DefaultHttpRequest req =
          new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/stats");
      req.headers().set("Host", authority);
      boolean accepted = access.check(req, local).isEmpty();
      boolean expected = own && (authority.equals(host) || port == 8081);
      assertThat(accepted).as(authority).isEqualTo(expected);
    }
  }

  /** 127.0.0.1 in dotted decimal, leading zeros allowed (an address, so no DNS to rebind). */
  private static boolean isLoopbackOne(String host) {
    String[] parts = host.split("\\.", -1);
    int[] want = {127, 0, 0, 1};
    if (parts.length != 4) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) != want[i]) {
        return false;
      }
    }
    return true;
  }

  @Provide
  Arbitrary<String> hosts() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withChars("abcdefghijklmnopqrstuvwxyz0123456789.-")
            .ofMinLength(1)
            .ofMaxLength(20),
        Arbitraries.of(
            "localhost",
            "LocalHost",
            "127.0.0.1",
            "127.0.0.2",
            "127.0.0.01",
            "127.000.0.1",
            "0127.0.0.1",
            "0.0.0.0",
            "::1"),
        Arbitraries.integers()
            .between(0, 255)
            .list()
            .ofSize(4)
            .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3)));
  }
}
