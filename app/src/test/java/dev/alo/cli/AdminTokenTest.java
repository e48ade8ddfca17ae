package dev.alo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import dev.alo.loadtest.SampleBackend;
import dev.alo.proxy.BackendAddress;
import dev.alo.proxy.ProxyConfig;
import dev.alo.proxy.ProxyLog;
import dev.alo.proxy.ProxyServer;
import dev.alo.proxy.admin.AdminAccess;
import dev.alo.proxy.admin.AdminServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
  private static final String TOKEN = "tok-3f9a_Z";

  @TempDir Path dir;

  @Test
  void fromEnvironment_authorisesChangesOnARealAdminEndpoint() throws Exception {
    Optional<String> token =
        AdminToken.resolve(Map.of(AdminToken.ENV, TOKEN, "OTHER", "x"), null, null);
    assertThat(token).hasValue(TOKEN);
    assertAuthorisesChanges(token.orElseThrow());
  }

  @Test
  void fromFile_trailingLineBreakDropped_authorisesChanges() throws Exception {
    Path f = dir.resolve("admin.token");
    Files.writeString(f, TOKEN + "\n");
    assertThat(AdminToken.resolve(Map.of(), null, f)).hasValue(TOKEN);
    Files.writeString(f, TOKEN + "\r\n");
    Optional<String> token = AdminToken.resolve(Map.of(), null, f);
    assertThat(token).hasValue(TOKEN);
    assertAuthorisesChanges(token.orElseThrow());
  }

  @Test
  void noSource_noToken() {
    assertThat(AdminToken.resolve(Map.of("PATH", "/bin"), null, null)).isEmpty();
  }

  @Test
  void deprecatedFlag_stillGivesTheToken() {
    assertThat(AdminToken.resolve(Map.of(), TOKEN, null)).hasValue(TOKEN);
  }

  @Test
  void tokenFile_missingEmptyOrADirectory_oneClearError() throws Exception {
    Path missing = dir.resolve("none.token");
    assertThatThrownBy(() -> AdminToken.resolve(Map.of(), null, missing))
        .isInstanceOf(InputException.class)
        .hasMessage("--admin-token-file " + missing + ": no such file");
    Path empty = dir.resolve("empty.token");
    Files.writeString(empty, "\n");
    assertThatThrownBy(() -> AdminToken.resolve(Map.of(), null, empty))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "--admin-token-file " + empty + ": the file is empty (expected the token on one line)");
    assertThatThrownBy(() -> AdminToken.resolve(Map.of(), null, dir))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("--admin-token-file " + dir + ": cannot read it (");
    Path big = dir.resolve("big.token");
    Files.writeString(big, "a".repeat(5000));
    assertThatThrownBy(() -> AdminToken.resolve(Map.of(), null, big))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "--admin-token-file "
                + big
                + ": larger than 4096 bytes (expected the token on one line)");
  }

  @Test
  void tokenFile_twoLinesOrSpaces_refusedWithoutShowingTheToken() throws Exception {
    Path f = dir.resolve("admin.token");
    Files.writeString(f, TOKEN + "\nsecond-line\n");
    assertThatThrownBy(() -> AdminToken.resolve(Map.of(), null, f))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "--admin-token-file "
                + f
                + ": the admin token must be one line of printable ASCII without spaces"
                + " (character 11 is not)")
        .message()
        .doesNotContain(TOKEN)
        .doesNotContain("second-line");
    Files.writeString(f, TOKEN + " \n");
    assertThatThrownBy(() -> AdminToken.resolve(Map.of(), null, f))
        .isInstanceOf(InputException.class)
        .message()
        .doesNotContain(TOKEN);
  }

  @Test
  void emptyEnvironmentVariable_isAnErrorNotReadOnly() {
    assertThatThrownBy(() -> AdminToken.resolve(Map.of(AdminToken.ENV, ""), null, null))
        .isInstanceOf(InputException.class)
        .hasMessage("ALO_ADMIN_TOKEN: the admin token is empty");
  }

  @Test
  void twoSources_usageErrorNamingBoth() {
    Path f = dir.resolve("admin.token");
    assertThatThrownBy(() -> AdminToken.resolve(Map.of(AdminToken.ENV, TOKEN), null, f))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "the admin token is given by ALO_ADMIN_TOKEN and --admin-token-file (expected only"
                + " one)");
    assertThatThrownBy(() -> AdminToken.resolve(Map.of(), TOKEN, f))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--admin-token-file and --admin-token");
  }

  /** A real proxy and admin endpoint: the token admits a change that is refused without it. */
  private static void assertAuthorisesChanges(String token) throws Exception {
    InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try (SampleBackend b1 = SampleBackend.start(SampleBackend.Settings.plain(any, "b1"));
        SampleBackend b2 = SampleBackend.start(SampleBackend.Settings.plain(any, "b2"));
        ProxyServer proxy =
            ProxyServer.start(
                ProxyConfig.builder()
                    .listen(any)
                    .backends(List.of(new BackendAddress("127.0.0.1", b1.address().getPort(), 1)))
                    .threads(1)
                    .build(),
                ProxyLog.none());
        AdminServer admin = AdminServer.start(proxy, any, AdminAccess.withToken(token));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      URI add =
          URI.create(
              "http://127.0.0.1:"
                  + admin.address().getPort()
                  + "/backends?url=http://127.0.0.1:"
                  + b2.address().getPort());
      HttpRequest.Builder post =
          HttpRequest.newBuilder(add)
              .timeout(Duration.ofSeconds(5))
              .POST(HttpRequest.BodyPublishers.noBody());
      assertThat(http.send(post.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(401);
      HttpResponse<String> added =
          http.send(
              post.header("Authorization", "Bearer " + token).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(added.statusCode()).isEqualTo(201);
      assertThat(proxy.stats()).hasSize(2);
    }
  }
}
