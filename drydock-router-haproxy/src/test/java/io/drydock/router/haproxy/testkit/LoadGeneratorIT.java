package io.drydock.router.haproxy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The measuring instrument itself: it must see every failure, or a "0 failed requests" result means nothing. */
class LoadGeneratorIT {

  @ParameterizedTest
  @EnumSource(LoadSpec.ConnectionMode.class)
  void countsInjected500sAndKeepsTheRate(LoadSpec.ConnectionMode mode) throws Exception {
    try (TestApp app = TestApp.start(TestApp.freePort(), "e", Map.of("ERROR_RATE", "0.2"))) {
      LoadReport r = LoadGenerator.start(LoadSpec.of(app.port(), 500, Duration.ofSeconds(3)).withConnections(8, mode).withPosts(0.5, 4096))
          .awaitCompletion();
      System.out.println(mode + ": " + r.summary());
      assertThat(r.requests()).isEqualTo(1500);
      assertThat((double) r.failures() / r.requests()).isCloseTo(0.2, within(0.05));
      assertThat(r.failureSamples()).allSatisfy(f -> assertThat(f.what()).isEqualTo("status 500 from e"));
      assertThat(r.byVersion()).containsOnlyKeys("e");
      assertThat(r.byVersion().get("e") + r.failures()).isEqualTo(1500);
    }
  }

  @Test
  void aServerThatDiesMidRunShowsAsIoFailures() throws Exception {
    TestApp app = TestApp.start(TestApp.freePort(), "k", Map.of());
    try (LoadGenerator load = LoadGenerator.start(LoadSpec.of(app.port(), 500, Duration.ofSeconds(3))
        .withConnections(8, LoadSpec.ConnectionMode.MIXED))) {
      Thread.sleep(1000);
      app.stop(Duration.ZERO); // SIGTERM then SIGKILL at once
      LoadReport r = load.awaitCompletion();
      System.out.println("killed: " + r.summary());
      assertThat(r.byVersion().get("k")).isBetween(300L, 700L);
      assertThat(r.failures()).isGreaterThan(500);
      assertThat(r.failureSamples()).anySatisfy(f -> assertThat(f.what()).contains("Connection refused"));
    } finally {
      app.close();
    }
  }

  @Test
  void boundedByCount() throws Exception {
    try (TestApp app = TestApp.start("c")) {
      LoadReport r = LoadGenerator.start(LoadSpec.of(app.port(), 1000, Duration.ofSeconds(30)).withMaxRequests(200)).awaitCompletion();
      assertThat(r.requests()).isEqualTo(200);
      assertThat(r.failures()).isZero();
      assertThat(r.seconds()).isLessThan(5);
    }
  }
}
