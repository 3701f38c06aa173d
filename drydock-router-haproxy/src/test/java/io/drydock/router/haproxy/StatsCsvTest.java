package io.drydock.router.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.rollout.spi.ServerStats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsCsvTest {

  static String resource(String name) throws IOException {
    try (InputStream in = StatsCsvTest.class.getResourceAsStream("/haproxy-2.6/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void parsesRealShowStatOfHaproxy26() throws IOException {
    List<StatsCsv.Row> rows = StatsCsv.parse(resource("show-stat.csv"));
    List<ServerStats> servers = StatsCsv.servers(rows, "app").stream().map(StatsCsv.Row::toServerStats).toList();

    assertThat(servers).extracting(ServerStats::server).containsExactly("a", "b", "m");
    ServerStats a = servers.get(0);
    assertThat(a.backend()).isEqualTo("app");
    assertThat(a.address()).isEqualTo("127.0.0.1:18081");
    assertThat(a.status()).isEqualTo("UP");
    assertThat(a.weight()).isEqualTo(100);
    assertThat(a.totalSessions()).isEqualTo(5);
    assertThat(a.responses2xx()).isEqualTo(5);
    assertThat(a.errors()).isZero();
    assertThat(a.isUp()).isTrue();
    // in MAINT HAProxy shows an effective weight of 1; the weight we set is uweight
    assertThat(servers.get(2).status()).isEqualTo("MAINT");
    assertThat(servers.get(2).weight()).isEqualTo(10);
    assertThat(servers.get(1).weight()).isEqualTo(50);
  }

  @Test
  void healthFollowsStatusAndLastCheck() throws IOException {
    List<StatsCsv.Row> rows = StatsCsv.parse(resource("show-stat.csv"));
    assertThat(StatsCsv.server(rows, "app", "a")).hasValueSatisfying(r -> assertThat(r.healthyByCheck()).isTrue());
    assertThat(StatsCsv.server(rows, "app", "b")).hasValueSatisfying(r -> assertThat(r.healthyByCheck()).isFalse());
    assertThat(StatsCsv.server(rows, "app", "m")).hasValueSatisfying(r -> assertThat(r.healthyByCheck()).isFalse());
    assertThat(StatsCsv.server(rows, "app", "BACKEND")).isEmpty();
    assertThat(StatsCsv.server(rows, "other", "a")).isEmpty();
  }

  @ParameterizedTest(name = "status={0} check={1} -> {2}")
  @CsvSource({
      "UP, L7OK, true",
      "UP 1/2, L7OK, true",
      "DRAIN, L7OK, true",
      "NOLB, L4OK, true",
      "UP, * L7OK, true",
      "UP, INI, false",
      "UP, '', false",
      "DOWN, L7OK, false",
      "DOWN 1/2, L7OK, false",
      "MAINT, L7OK, false",
      "DRAIN, L7STS, false",
  })
  void healthyByCheck(String status, String check, boolean healthy) {
    StatsCsv.Row row = new StatsCsv.Row(Map.of("pxname", "app", "svname", "s", "status", status, "check_status", check));
    assertThat(row.healthyByCheck()).isEqualTo(healthy);
  }

  @Test
  void parsesRealShowServersConn() throws IOException {
    assertThat(StatsCsv.usedConnections(resource("show-servers-conn.txt")))
        .containsEntry("a", 0L).containsEntry("b", 0L).containsEntry("m", 0L);
    assertThat(StatsCsv.usedConnections("# bkname/svname bkid/svid addr port - purge_delay used_cur used_max\napp/x 3/1 127.0.0.1 80 - 0 7 9\n"))
        .containsExactly(Map.entry("x", 7L));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Unknown command: 'show stat'",
      "pxname,svname",
  })
  void answersThatAreNotCsvAreInvalidInput(String answer) {
    assertThatThrownBy(() -> StatsCsv.parse(answer))
        .isInstanceOf(DrydockException.class)
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageStartingWith("Tried to read HAProxy's `show stat` but failed because:");
  }

  @Test
  void nonNumericCounterIsInvalidInput() {
    StatsCsv.Row row = StatsCsv.parse("# pxname,svname,scur\napp,a,lots\n").get(0);
    assertThatThrownBy(() -> row.number("scur")).isInstanceOf(DrydockException.class).hasMessageContaining("scur of app/a");
  }
}
