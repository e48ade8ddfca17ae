package dev.alo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  @TempDir Path dir;

  Path generated() {
    Path f = dir.resolve("g.csv");
    assertThat(MainTest.run("generate", "--days", "21", "--output", f.toString()).code()).isZero();
    return f;
  }

  @Test
  void csv_oneRowPerHour_serversKeepTheUpperBoundAtTheTarget() {
    MainTest.Run r =
        MainTest.run(
            "plan",
            generated().toString(),
            "--value-column",
            "active_users",
            "--capacity",
            "100",
            "--horizon",
            "24h",
            "--model",
            "snaive");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("timestamp,expected,upper,expected_servers,servers");
    assertThat(lines).hasSize(25);
    for (String l : lines.subList(1, lines.size())) {
      String[] c = l.split(",", -1);
      double upper = Double.parseDouble(c[2]);
      assertThat(Integer.parseInt(c[4]))
          .as(l)
          .isEqualTo((int) Math.max(1, Math.ceil(upper / 60 - 1e-6)));
      assertThat(Integer.parseInt(c[4])).isGreaterThanOrEqualTo(Integer.parseInt(c[3]));
    }
    assertThat(r.err()).contains("plan for active_users: 24 rows");
  }

  @Test
  void json_andPlot() throws Exception {
    Path png = dir.resolve("plan.png");
    MainTest.Run r =
        MainTest.run(
            "plan",
            "--input",
            generated().toString(),
            "--value-column",
            "active_users",
            "--capacity",
            "50",
            "--target",
            "80",
            "--json",
            "--model",
            "theta",
            "--plot",
            png.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode a = new ObjectMapper().readTree(r.out());
    assertThat(a.size()).isEqualTo(48);
    assertThat(a.get(0).has("servers")).isTrue();
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void badSettings_areOneLineUsageErrors() {
    String f = generated().toString();
    for (String[] args :
        List.of(
            new String[] {"--capacity", "0"},
            new String[] {"--capacity", "10", "--target", "150"},
            new String[] {"--capacity", "10", "--level", "100"},
            new String[] {"--capacity", "10", "--model", "magic"},
            new String[] {})) {
      String[] all = new String[args.length + 4];
      all[0] = "plan";
      all[1] = f;
      all[2] = "--value-column";
      all[3] = "active_users";
      System.arraycopy(args, 0, all, 4, args.length);
      MainTest.Run r = MainTest.run(all);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.out()).isEmpty();
    }
  }
}
