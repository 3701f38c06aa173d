package io.drydock.router.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.router.haproxy.testkit.BlueGreenSwap;
import io.drydock.router.haproxy.testkit.LoadGenerator;
import io.drydock.router.haproxy.testkit.LoadReport;
import io.drydock.router.haproxy.testkit.LoadSpec;
import io.drydock.router.haproxy.testkit.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The first zero-downtime check: under 500 requests/s (keep-alive and fresh connections, GETs and POSTs), switch
 * from the running version to a new one 20 times with the adapter's calls only, and lose no request.
 */
class ZeroDowntimeSwapIT {
  static final int SWAPS = 20;
  static final int RATE = 500;

  @Test
  void twentySwapsUnderLoadLoseNoRequest() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "hx-swap-" + Long.toHexString(System.nanoTime() & 0xffffff)).toAbsolutePath());
    try (HaproxyProcess haproxy = HaproxyProcess.start(HaproxyConfig.of(dir.resolve("admin.sock"), TestApp.freePort()), dir,
        Duration.ofSeconds(10))) {
      HaproxyRouter router = haproxy.router();
      TestApp blue = TestApp.start(TestApp.freePort(), "v0", Map.of());
      String blueName = "v0";
      router.addServer("app", blueName, blue.address(), 100);
      assertThat(router.awaitUp("app", blueName, Duration.ofSeconds(10))).isTrue();
      router.enable("app", blueName);

      LoadSpec spec = LoadSpec.of(haproxy.frontendPort(), RATE, Duration.ofMinutes(5))
          .withConnections(16, LoadSpec.ConnectionMode.MIXED)
          .withPosts(0.25, 2048);
      List<BlueGreenSwap> swaps = new ArrayList<>();
      LoadReport report;
      try (LoadGenerator load = LoadGenerator.start(spec)) {
        Thread.sleep(1000);
        for (int i = 1; i <= SWAPS; i++) {
          TestApp green = TestApp.start(TestApp.freePort(), "v" + i, Map.of());
          BlueGreenSwap swap = BlueGreenSwap.run(router, "app", blueName, "v" + i, green.address(), Duration.ofSeconds(15));
          swaps.add(swap);
          assertThat(blue.stop(Duration.ofSeconds(5))).as("blue exits gracefully").isZero();
          blue = green;
          blueName = "v" + i;
        }
        Thread.sleep(1000);
        report = load.stop();
      } finally {
        blue.close();
      }
      Histogram h = report.latency();
      System.out.printf("zero-downtime: %d swaps, %s%n", SWAPS, report.summary());
      System.out.printf("zero-downtime: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms; green ready -> switched median %d ms%n",
          h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0,
          swaps.stream().mapToLong(s -> s.readyToSwitched().toMillis()).sorted().skip(SWAPS / 2).findFirst().orElse(-1));
      assertThat(report.failureSamples()).isEmpty();
      assertThat(report.failures()).isZero();
      assertThat(report.achievedRate()).isGreaterThan(RATE * 0.9);
      // every version served, the last one alone at the end
      assertThat(report.byVersion()).hasSize(SWAPS + 1);
      long lastSwitch = swaps.get(SWAPS - 1).switchedNanos();
      assertThat(report.byVersion(lastSwitch + 100_000_000L, report.endNanos())).containsOnlyKeys("v" + SWAPS);
    }
  }
}
