package io.drydock.rollout.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.rollout.plan.Labels;
import io.drydock.rollout.spi.RevisionTraffic.Counters;
import io.drydock.rollout.spi.RevisionTraffic.Window;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RevisionTrafficTest {

  @Test
  void windowSumsEndpointsPresentInBothSamplesAndTakesTheWorstResponseTimeOfThoseThatServed() {
    RevisionTraffic before = new RevisionTraffic(2, 0.3, Map.of("a", new Counters(10, 1, 5), "b", new Counters(20, 0, 7)));
    RevisionTraffic after = new RevisionTraffic(2, 0.3, Map.of(
        "a", new Counters(40, 4, 9),      // 30 requests, 3 errors
        "b", new Counters(20, 0, 900),    // served nothing in the window: its response time does not count
        "c", new Counters(500, 500, 1))); // added in between: left out
    assertThat(after.since(before)).isEqualTo(new Window(30, 3, 9));
  }

  @Test
  void noRequestInTheWindowHasNoResponseTime() {
    RevisionTraffic s = new RevisionTraffic(1, 1.0, Map.of("a", new Counters(3, 0, 2)));
    assertThat(s.since(s)).isEqualTo(new Window(0, 0, -1));
    assertThat(s.since(new RevisionTraffic(1, 1.0, Map.of()))).isEqualTo(new Window(0, 0, -1));
  }

  @ParameterizedTest(name = "{1} of {0} -> r{2}")
  @CsvSource({"web,web-r2-0,2", "web,web-r12-31,12", "web,web-r2-,-1", "web,web-r-0,-1", "web,web-r2,-1", "web,web-r2-0-1,-1",
      "web,webx-r2-0,-1", "web,api-r2-0,-1", "web,web-r2-a,-1", "web-r1,web-r1-r3-0,3", "web,web-r1234567890-0,-1"})
  void revisionOfServerReadsOnlyNamesMadeByServerName(String service, String server, int revision) {
    assertThat(Labels.revisionOfServer(service, server)).isEqualTo(revision);
  }

  @Test
  void serverNamesRoundTrip() {
    assertThat(Labels.revisionOfServer("web", Labels.serverName("web", 7, 3))).isEqualTo(7);
  }
}
