package io.drydock.router.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.rollout.spi.RevisionTraffic;
import io.drydock.rollout.spi.ServerStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RevisionTrafficsTest {

  private static ServerStats server(String name, String status, int weight, long requests) {
    return new ServerStats("be", name, "127.0.0.1:1", status, weight, 0, requests, requests, 0, 0, 0, 0, 0, 4);
  }

  @Test
  void groupsTheServiceServersByRevisionAndSharesByTheWeightOfServersWhoseCheckPasses() {
    Map<Integer, RevisionTraffic> t = RevisionTraffics.of("web", List.of(
        server("web-r1-0", "UP", 70, 10),
        server("web-r1-1", "UP 1/3", 70, 10),
        server("web-r2-0", "NOLB", 60, 5),
        server("web-r2-1", "DOWN", 60, 0),     // check failing: no share
        server("web-r3-0", "DRAIN", 200, 1),   // draining: effective weight 0
        server("web-r4-0", "MAINT", 200, 0),   // maintenance: effective weight 0
        server("other-r1-0", "UP", 200, 99),   // another service's server
        server("static", "UP", 200, 99)));
    assertThat(t).containsOnlyKeys(1, 2, 3, 4);
    assertThat(t.get(1).share()).isEqualTo(140.0 / 200);
    assertThat(t.get(2).share()).isEqualTo(60.0 / 200);
    assertThat(t.get(3).share()).isZero();
    assertThat(t.get(4).share()).isZero();
    assertThat(t.get(1).endpoints()).containsOnlyKeys("web-r1-0", "web-r1-1");
    assertThat(t.get(1).endpoints().get("web-r1-0")).isEqualTo(new RevisionTraffic.Counters(10, 0, 4));
  }

  @Test
  void noServerInRotationMeansNoShareAnywhere() {
    Map<Integer, RevisionTraffic> t = RevisionTraffics.of("web", List.of(server("web-r1-0", "DOWN", 100, 0)));
    assertThat(t.get(1).share()).isZero();
    assertThat(RevisionTraffics.of("web", List.of())).isEmpty();
  }
}
