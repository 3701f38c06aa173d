package io.drydock.router.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.rollout.spi.RevisionTraffic;
import io.drydock.rollout.spi.ServerStats;
import io.drydock.router.haproxy.testkit.LoadGenerator;
import io.drydock.router.haproxy.testkit.LoadReport;
import io.drydock.router.haproxy.testkit.LoadSpec;
import io.drydock.router.haproxy.testkit.TestApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router against a real HAProxy 2.6 started from the generated configuration, with local test apps. */
class HaproxyRouterIT {
  static final String BACKEND = "app";
  HaproxyProcess haproxy;
  HaproxyRouter router;
  final List<TestApp> apps = new ArrayList<>();

  @BeforeEach
  void startHaproxy() throws Exception {
    Path dir = shortDir();
    haproxy = HaproxyProcess.start(HaproxyConfig.of(dir.resolve("admin.sock"), TestApp.freePort()), dir, Duration.ofSeconds(10));
    router = haproxy.router();
  }

  @AfterEach
  void stopAll() {
    apps.forEach(TestApp::close);
    if (haproxy != null) {
      haproxy.close();
    }
  }

  /** HAProxy allows at most 97 bytes of socket path. */
  static Path shortDir() throws IOException {
    return Files.createDirectories(Path.of("target", "hx-" + Long.toHexString(System.nanoTime())).toAbsolutePath());
  }

  TestApp app(String version, Map<String, String> env) throws IOException, InterruptedException {
    TestApp app = TestApp.start(TestApp.freePort(), version, env);
    apps.add(app);
    return app;
  }

  ServerStats stats(String server) {
    return router.stats(BACKEND).stream().filter(s -> s.server().equals(server)).findFirst().orElseThrow();
  }

  @Test
  void addedServerGetsNoTrafficUntilUpAndEnabled() throws Exception {
    TestApp a = app("a", Map.of());
    router.addServer(BACKEND, "a", a.address(), 100);
    assertThat(TestApp.get(haproxy.frontendPort(), "/")).startsWith("503 ");
    assertThat(router.awaitUp(BACKEND, "a", Duration.ofSeconds(10))).isTrue();
    assertThat(stats("a").status()).isEqualTo("DRAIN");
    assertThat(TestApp.get(haproxy.frontendPort(), "/")).as("draining: still no traffic").startsWith("503 ");

    router.enable(BACKEND, "a");
    assertThat(TestApp.get(haproxy.frontendPort(), "/")).startsWith("200 ").contains("\"version\":\"a\"");
    ServerStats s = stats("a");
    assertThat(s.isUp()).isTrue();
    assertThat(s.address()).isEqualTo(a.address());
    assertThat(s.weight()).isEqualTo(100);
    assertThat(s.responses2xx()).isEqualTo(1);
    assertThat(s.totalSessions()).isEqualTo(1);
    assertThat(s.errors()).isZero();
  }

  @Test
  void unhealthyServerNeverComesUpNorGetsTraffic() throws Exception {
    TestApp good = app("good", Map.of());
    TestApp sick = app("sick", Map.of("HEALTHY", "false"));
    router.addServer(BACKEND, "good", good.address(), 100);
    router.addServer(BACKEND, "sick", sick.address(), 100);
    assertThat(router.awaitUp(BACKEND, "good", Duration.ofSeconds(10))).isTrue();
    router.enable(BACKEND, "good");
    router.enable(BACKEND, "sick");
    assertThat(router.awaitUp(BACKEND, "sick", Duration.ofSeconds(3))).isFalse();
    for (int i = 0; i < 20; i++) {
      assertThat(TestApp.get(haproxy.frontendPort(), "/")).contains("\"version\":\"good\"");
    }
    assertThat(stats("sick").status()).startsWith("DOWN");
    assertThat(stats("sick").totalSessions()).isZero();
  }

  @Test
  void trafficByRevisionGroupsTheServiceServersAndSharesByTheWeightOfServersThatAreUp() throws Exception {
    TestApp r1 = app("1", Map.of());
    TestApp r2 = app("2", Map.of());
    TestApp sick = app("2-sick", Map.of("HEALTHY", "false"));
    router.addServer(BACKEND, "web-r1-0", r1.address(), 150);
    router.addServer(BACKEND, "web-r2-0", r2.address(), 50);
    router.addServer(BACKEND, "web-r2-1", sick.address(), 50);
    assertThat(router.awaitUp(BACKEND, "web-r1-0", Duration.ofSeconds(10))).isTrue();
    assertThat(router.awaitUp(BACKEND, "web-r2-0", Duration.ofSeconds(10))).isTrue();
    router.enable(BACKEND, "web-r1-0");
    router.enable(BACKEND, "web-r2-0");
    router.enable(BACKEND, "web-r2-1");
    assertThat(router.awaitUp(BACKEND, "web-r2-1", Duration.ofSeconds(2))).isFalse();

    Map<Integer, RevisionTraffic> before = router.traffic(BACKEND, "web");
    assertThat(before).containsOnlyKeys(1, 2);
    assertThat(before.get(1).share()).isEqualTo(0.75);
    assertThat(before.get(2).share()).isEqualTo(0.25);
    assertThat(before.get(2).endpoints()).containsOnlyKeys("web-r2-0", "web-r2-1");
    for (int i = 0; i < 40; i++) {
      assertThat(TestApp.get(haproxy.frontendPort(), "/")).startsWith("200 ");
    }
    Map<Integer, RevisionTraffic> after = router.traffic(BACKEND, "web");
    RevisionTraffic.Window w1 = after.get(1).since(before.get(1));
    RevisionTraffic.Window w2 = after.get(2).since(before.get(2));
    assertThat(w1.requests() + w2.requests()).isEqualTo(40);
    assertThat(w1.requests()).isGreaterThan(w2.requests());
    assertThat(w1.errors() + w2.errors()).isZero();
    assertThat(router.traffic(BACKEND, "api")).isEmpty();
  }

  @Test
  void weightsSplitTrafficAsConfigured() throws Exception {
    TestApp a = app("a", Map.of());
    TestApp b = app("b", Map.of());
    router.addServer(BACKEND, "a", a.address(), 30);
    router.addServer(BACKEND, "b", b.address(), 100);
    assertThat(router.awaitUp(BACKEND, "a", Duration.ofSeconds(10))).isTrue();
    assertThat(router.awaitUp(BACKEND, "b", Duration.ofSeconds(10))).isTrue();
    router.enable(BACKEND, "a");
    router.enable(BACKEND, "b");
    router.setWeight(BACKEND, "b", 10); // canary-style change at run time: 30:10 = 75 % / 25 %

    LoadReport report = LoadGenerator.start(LoadSpec.of(haproxy.frontendPort(), 500, Duration.ofSeconds(4))).awaitCompletion();
    System.out.println("weights 30:10 -> " + report.summary());
    assertThat(report.failures()).isZero();
    long onA = report.byVersion().getOrDefault("a", 0L);
    long onB = report.byVersion().getOrDefault("b", 0L);
    assertThat(onA + onB).isGreaterThan(1500);
    assertThat((double) onB / (onA + onB)).isCloseTo(0.25, within(0.03));
    assertThat(stats("b").weight()).isEqualTo(10);
    assertThat(stats("a").responses2xx()).isEqualTo(onA);
  }

  @Test
  void drainLetsInFlightRequestsFinishAndAwaitNoConnectionsSeesIt() throws Exception {
    TestApp slow = app("slow", Map.of("LATENCY_MS", "1500"));
    TestApp fast = app("fast", Map.of());
    router.addServer(BACKEND, "slow", slow.address(), 100);
    assertThat(router.awaitUp(BACKEND, "slow", Duration.ofSeconds(10))).isTrue();
    router.enable(BACKEND, "slow");
    router.addServer(BACKEND, "fast", fast.address(), 100);
    assertThat(router.awaitUp(BACKEND, "fast", Duration.ofSeconds(10))).isTrue();
    CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> {
      try {
        return TestApp.get(haproxy.frontendPort(), "/");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(300);
    router.enable(BACKEND, "fast");
    router.drain(BACKEND, "slow");
    assertThat(stats("slow").currentSessions()).isEqualTo(1);
    assertThat(router.awaitNoConnections(BACKEND, "slow", Duration.ofMillis(100))).isFalse();
    assertThat(TestApp.get(haproxy.frontendPort(), "/")).contains("\"version\":\"fast\"");
    assertThat(router.awaitNoConnections(BACKEND, "slow", Duration.ofSeconds(5))).isTrue();
    assertThat(inFlight.get()).startsWith("200 ").contains("\"version\":\"slow\"");

    router.maintenance(BACKEND, "slow");
    assertThat(stats("slow").status()).isEqualTo("MAINT");
    router.removeServer(BACKEND, "slow");
    assertThat(router.stats(BACKEND)).extracting(ServerStats::server).containsExactly("fast");
  }

  @Test
  void haproxyRefusalsAreInvalidInputQuotingItsAnswer() throws Exception {
    TestApp a = app("a", Map.of());
    router.addServer(BACKEND, "a", a.address(), 100);
    assertThatThrownBy(() -> router.removeServer(BACKEND, "a"))
        .isInstanceOf(DrydockException.class)
        .hasMessage("Tried to run HAProxy command `del server app/a` but failed because: HAProxy answered: "
            + "Only servers in maintenance mode can be deleted.")
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    assertThatThrownBy(() -> router.addServer(BACKEND, "a", a.address(), 100))
        .hasMessageEndingWith("HAProxy answered: Already exists a server with the same name in backend.");
    assertThatThrownBy(() -> router.setWeight(BACKEND, "nope", 10))
        .hasMessageEndingWith("HAProxy answered: No such server.");
    assertThatThrownBy(() -> router.enable("nobackend", "a"))
        .hasMessageEndingWith("HAProxy answered: No such backend.");
    assertThatThrownBy(() -> router.awaitUp(BACKEND, "nope", Duration.ofSeconds(1)))
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertThatThrownBy(() -> router.setWeight(BACKEND, "a", 257))
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    assertThatThrownBy(() -> router.addServer(BACKEND, "x\nshow info", a.address(), 1))
        .hasMessageContaining("names are 1-64 letters");
  }

  @Test
  void missingSocketIsUnreachableWithAHint() {
    Path socket = Path.of("/tmp/drydock-no-such-haproxy.sock");
    assertThatThrownBy(() -> HaproxyRouter.attach(socket))
        .isInstanceOf(DrydockException.class)
        .hasMessage("Tried to connect to HAProxy's Runtime API at /tmp/drydock-no-such-haproxy.sock but failed because: "
            + "no such socket (is HAProxy running with `stats socket /tmp/drydock-no-such-haproxy.sock level admin`?)")
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.UNREACHABLE));
  }

  @Test
  void socketThatNobodyListensOnIsUnreachable() throws Exception {
    Path stale = haproxy.socket();
    haproxy.close();
    Files.createFile(stale); // a leftover file where the socket was
    assertThatThrownBy(() -> router.stats(BACKEND))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("Tried to connect to HAProxy's Runtime API at " + stale + " but failed because: ")
        .hasMessageEndingWith("(is HAProxy running with `stats socket " + stale + " level admin`?)")
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.UNREACHABLE));
  }

  @Test
  void startFailsWithHaproxysOwnWordsWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Path dir = shortDir();
      assertThatThrownBy(() -> HaproxyProcess.start(HaproxyConfig.of(dir.resolve("admin.sock"), taken.getLocalPort()), dir,
          Duration.ofSeconds(10)))
          .isInstanceOf(DrydockException.class)
          .hasMessageStartingWith("Tried to start HAProxy with " + dir.resolve("haproxy.cfg") + " but failed because: it exited with code")
          .hasMessageContaining("cannot bind socket");
    }
  }
}
