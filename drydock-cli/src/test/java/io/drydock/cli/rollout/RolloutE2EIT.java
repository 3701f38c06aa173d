package io.drydock.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.drydock.cli.Main;
import io.drydock.engine.docker.DockerEngine;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.model.event.Event;
import io.drydock.rollout.control.LocalProbes;
import io.drydock.rollout.control.RolloutController;
import io.drydock.rollout.control.RolloutState;
import io.drydock.rollout.control.Sleeper;
import io.drydock.rollout.control.StateStore;
import io.drydock.rollout.plan.Labels;
import io.drydock.rollout.spec.ServiceFile;
import io.drydock.rollout.spec.ServiceSpec;
import io.drydock.rollout.spi.ContainerInfo;
import io.drydock.router.haproxy.HaproxyConfig;
import io.drydock.router.haproxy.HaproxyProcess;
import io.drydock.router.haproxy.testkit.LoadGenerator;
import io.drydock.router.haproxy.testkit.LoadReport;
import io.drydock.router.haproxy.testkit.LoadSpec;
import io.drydock.router.haproxy.testkit.TestApp;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end: real Podman (through its Docker API socket), a real HAProxy 2.6 started for each test, the test
 * app images {@code localhost/drydock-testapp:1|2} (scripts/testapp/build.sh), and the router module's open-loop
 * load generator (500 req/s, keep-alive and fresh connections alternately, 20 % POSTs).
 */
class RolloutE2EIT {
  static final String IMAGE_1 = "localhost/drydock-testapp:1";
  static final String IMAGE_2 = "localhost/drydock-testapp:2";
  static final Duration T = Duration.ofMinutes(5);
  static final int RATE = 500;

  String dockerHost;
  DockerEngine engine;
  HaproxyProcess haproxy;
  Path dir;
  String service;
  int portFrom;
  final List<Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
  final AtomicLong abortedAtNanos = new AtomicLong(-1);
  final List<long[]> eventTimes = new java.util.concurrent.CopyOnWriteArrayList<>();
  final List<String> eventTexts = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** For failures: what the controller was doing just before each failed request was due. */
  void explain(LoadReport report) {
    for (LoadReport.Failure f : report.failureSamples()) {
      String before = "";
      long at = 0;
      for (int i = 0; i < eventTimes.size(); i++) {
        if (eventTimes.get(i)[0] <= f.dueNanos()) {
          before = eventTexts.get(i);
          at = eventTimes.get(i)[0];
        }
      }
      System.out.println("[e2e] failure " + f.what() + " " + (f.dueNanos() - at) / 1_000_000 + " ms after: " + before);
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    dockerHost = System.getenv("DOCKER_HOST");
    if (dockerHost == null || dockerHost.isBlank()) {
      fail("DOCKER_HOST is not set: run scripts/test-env.sh up and eval \"$(scripts/test-env.sh env)\"");
    }
    engine = DockerEngine.connect(dockerHost);
    for (String image : List.of(IMAGE_1, IMAGE_2)) {
      try {
        engine.pull(ImageRef.parse(image), Duration.ofSeconds(30));
      } catch (DrydockException e) {
        fail(image + " is missing: run scripts/test-env.sh up and scripts/testapp/build.sh (" + e.getMessage() + ")");
      }
    }
    dir = Files.createDirectories(Path.of("target", "e2e-" + Long.toHexString(System.nanoTime())).toAbsolutePath());
    service = "e2e" + Long.toHexString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24));
    portFrom = freeRange(30);
    haproxy = HaproxyProcess.start(HaproxyConfig.of(dir.resolve("admin.sock"), TestApp.freePort()).withBackend("be_" + service)
        .withHealthCheck("/healthz", Duration.ofMillis(200), 2, 2), dir, Duration.ofSeconds(10));
  }

  @AfterEach
  void tearDown() {
    try {
      if (engine != null) {
        try {
          for (ContainerInfo c : engine.list(Map.of(Labels.SERVICE, service == null ? "-" : service))) {
            engine.remove(c.id());
          }
        } finally {
          engine.close();
        }
      }
    } finally {
      if (haproxy != null) {
        haproxy.close();
      }
    }
  }

  /**
   * A free block of loopback ports (each checked), so parallel test runs do not collide; below Linux's
   * ephemeral range (32768+), where an outgoing connection could hold an app's port.
   */
  static int freeRange(int size) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int from = 21000 + ThreadLocalRandom.current().nextInt(0, 110) * 100;
      boolean free = true;
      for (int p = from; p < from + size && free; p++) {
        try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
          s.setReuseAddress(true);
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return from;
      }
    }
    throw new IOException("no free block of " + size + " loopback ports");
  }

  String yaml(String strategy, String env, String extra) {
    return "service: " + service + "\n"
        + "image: " + IMAGE_1 + "\n"
        + "replicas: 2\n"
        + "container:\n  stopGrace: 10s\n" + (env.isEmpty() ? "" : "  env: {" + env + "}\n")
        + "network: {mode: host, portRange: " + portFrom + "-" + (portFrom + 29) + "}\n"
        + "healthCheck: {http: {path: /healthz}, interval: 200ms, timeout: 1s, rise: 1}\n"
        + "router: {frontend: " + "be_" + service + "_in, backend: be_" + service + ", socket: " + haproxy.socket() + "}\n"
        + "progressDeadline: 20s\n"
        + "smokeTests:\n  - name: root\n    provider: {http: {path: /}}\n"
        + "strategy:\n" + strategy + extra;
  }

  RolloutController controller(String yaml) throws IOException {
    Path file = dir.resolve("service.yaml");
    Files.writeString(file, yaml);
    ServiceSpec spec = ServiceFile.read(file);
    return new RolloutController(spec, engine, haproxy.router(), StateStore.of(dir.resolve("state"), service, Map.of()),
        new LocalProbes(), Clock.systemUTC(), Sleeper.SYSTEM, e -> {
          events.add(e);
          eventTimes.add(new long[] {LoadGenerator.now()});
          eventTexts.add(e.toString());
          if (e instanceof Event.Warning w && w.message().contains("aborting")) {
            abortedAtNanos.compareAndSet(-1, LoadGenerator.now());
          }
        });
  }

  LoadGenerator load(Duration duration) {
    return LoadGenerator.start(LoadSpec.of(haproxy.frontendPort(), RATE, duration)
        .withConnections(16, LoadSpec.ConnectionMode.MIXED).withPosts(0.2, 512));
  }

  static String percentiles(Histogram h) {
    return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d requests)", h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount());
  }

  static final String BLUE_GREEN = "  blueGreen: {scaleDownDelaySeconds: 30}\n";

  @Test
  void twentyBlueGreenSwapsUnderLoadLoseNoRequestAndUndoIsOneFlip() throws Exception {
    RolloutController c = controller(yaml(BLUE_GREEN, "", ""));
    c.up(T);
    try (LoadGenerator load = load(Duration.ofMinutes(10))) {
      Thread.sleep(5000);
      long swapsFrom = LoadGenerator.now();
      for (int i = 1; i <= Integer.getInteger("e2e.swaps", 20); i++) {
        RolloutState s = c.start(ImageRef.parse(i % 2 == 1 ? IMAGE_2 : IMAGE_1), T, false);
        assertThat(s.phase()).isEqualTo(RolloutState.Phase.HEALTHY);
        assertThat(s.stable().number()).isEqualTo(i + 1);
      }
      long swapsTo = LoadGenerator.now();
      // the last swap put version 1 (even i) in front; r20 (version 2) is kept runnable: undo is one flip
      long undoFrom = LoadGenerator.now();
      RolloutState undone = c.undo(T, false);
      long undoTo = LoadGenerator.now();
      assertThat(undone.stable().number()).isEqualTo(Integer.getInteger("e2e.swaps", 20));
      Thread.sleep(2000);
      LoadReport report = load.stop();
      System.out.println("[e2e] 20 blue/green swaps: " + report.summary());
      System.out.println("[e2e] before swaps: " + percentiles(report.latency(report.startNanos(), swapsFrom)));
      System.out.println("[e2e] during swaps: " + percentiles(report.latency(swapsFrom, swapsTo)) + " over "
          + Duration.ofNanos(swapsTo - swapsFrom).toSeconds() + " s");
      long undoSwitch = report.switchNanos("2", undoFrom, report.endNanos());
      System.out.println("[e2e] undo: command took " + Duration.ofNanos(undoTo - undoFrom).toMillis() + " ms; all new requests on version 2 after "
          + Duration.ofNanos(undoSwitch).toMillis() + " ms");
      explain(report);
      assertThat(report.failures()).as(report.summary()).isZero();
      assertThat(report.achievedRate()).isGreaterThan(RATE * 0.9);
      assertThat(undoSwitch).isBetween(0L, Duration.ofSeconds(1).toNanos());
    }
  }

  static final String CANARY = """
        canary:
          scaleDownDelaySeconds: 0
          steps:
            - setWeight: 30
            - analysis: {templates: [health]}
            - setWeight: 60
      analysisTemplates:
        health:
          metrics:
            - name: error-rate
              interval: 1s
              count: 4
              successCondition: result < 0.05
              provider: {haproxy: {stat: errorRate, window: 2s}}
            - name: latency
              interval: 1s
              count: 4
              successCondition: result < 100
              provider: {haproxy: {stat: avgResponseMillis, window: 2s}}
      """;

  void badCanaryRollsBackByItself(String env, String expected) throws Exception {
    controller(yaml(CANARY.substring(0, CANARY.indexOf("analysisTemplates")), "", CANARY.substring(CANARY.indexOf("analysisTemplates"))))
        .up(T);
    RolloutController bad = controller(yaml(CANARY.substring(0, CANARY.indexOf("analysisTemplates")), env,
        CANARY.substring(CANARY.indexOf("analysisTemplates"))));
    try (LoadGenerator load = load(Duration.ofMinutes(3))) {
      Thread.sleep(2000);
      assertThatThrownBy(() -> bad.start(ImageRef.parse(IMAGE_2), T, false))
          .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ROLLOUT_FAILED))
          .hasMessageContaining(expected).hasMessageContaining("traffic is on r1");
      long after = LoadGenerator.now();
      Thread.sleep(3000);
      LoadReport report = load.stop();
      long switchNanos = report.switchNanos("1", abortedAtNanos.get(), report.endNanos());
      System.out.println("[e2e] bad canary (" + env + "): " + report.summary());
      System.out.println("[e2e] abort: all new requests on stable " + Duration.ofNanos(switchNanos).toMillis()
          + " ms after the abort decision; after rollback " + report.byVersion(after, report.endNanos()));
      assertThat(report.byVersion(after, report.endNanos())).containsOnlyKeys("1");
      assertThat(switchNanos).isBetween(0L, Duration.ofSeconds(1).toNanos());
      assertThat(engine.list(Map.of(Labels.SERVICE, service, Labels.REVISION, "2"))).isEmpty();
    }
  }

  @Test
  void canaryWith30PercentErrorsFailsAnalysisAndGoesBackToStable() throws Exception {
    badCanaryRollsBackByItself("ERROR_RATE: '0.3'", "error-rate FAILED");
  }

  @Test
  void slowCanaryFailsAnalysisAndGoesBackToStable() throws Exception {
    badCanaryRollsBackByItself("LATENCY_MS: '250'", "latency FAILED");
  }

  @Test
  void neverHealthyReleaseAbortsWithStableUntouchedAndNoFailedRequest() throws Exception {
    controller(yaml(BLUE_GREEN, "", "")).up(T);
    List<String> stableIds = engine.list(Map.of(Labels.SERVICE, service)).stream().map(ContainerInfo::id).sorted().toList();
    RolloutController bad = controller(yaml(BLUE_GREEN, "HEALTHY: 'false'", ""));
    try (LoadGenerator load = load(Duration.ofMinutes(3))) {
      Thread.sleep(2000);
      assertThatThrownBy(() -> bad.start(ImageRef.parse(IMAGE_2), T, false))
          .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ROLLOUT_FAILED))
          .hasMessageContaining("did not pass its health check");
      Thread.sleep(1000);
      LoadReport report = load.stop();
      System.out.println("[e2e] never-healthy release: " + report.summary());
      assertThat(report.failures()).as(report.summary()).isZero();
      assertThat(report.byVersion()).containsOnlyKeys("1");
    }
    assertThat(engine.list(Map.of(Labels.SERVICE, service)).stream().map(ContainerInfo::id).sorted().toList()).isEqualTo(stableIds);
    assertThat(bad.status().phase()).isEqualTo(RolloutState.Phase.ABORTED);
  }

  @Test
  void greenKilledMidAnalysisAbortsWithStableUntouched() throws Exception {
    String strategy = "  blueGreen: {scaleDownDelaySeconds: 0, prePromotionAnalysis: [preview]}\n";
    String templates = """
        analysisTemplates:
          preview:
            metrics:
              - name: preview-health
                interval: 500ms
                count: 20
                consecutiveErrorLimit: 1
                provider: {http: {path: /healthz, timeout: 1s}}
        """;
    controller(yaml(strategy, "", templates)).up(T);
    RolloutController c = controller(yaml(strategy, "", templates));
    try (LoadGenerator load = load(Duration.ofMinutes(3))) {
      Thread.sleep(1000);
      Thread killer = new Thread(() -> {
        try {
          while (events.stream().noneMatch(e -> e instanceof Event.Info i && i.message().contains("metric preview-health"))) {
            Thread.sleep(50);
          }
          engine.list(Map.of(Labels.SERVICE, service, Labels.REVISION, "2")).forEach(g -> engine.stop(g.id(), Duration.ZERO));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      killer.start();
      assertThatThrownBy(() -> c.start(ImageRef.parse(IMAGE_2), T, false))
          .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ROLLOUT_FAILED))
          .hasMessageContaining("pre-promotion");
      killer.join();
      LoadReport report = load.stop();
      System.out.println("[e2e] green killed mid-analysis: " + report.summary());
      assertThat(report.failures()).as(report.summary()).isZero();
      assertThat(report.byVersion()).containsOnlyKeys("1");
    }
  }

  @Test
  void controllerKilledBetweenStepsResumesWhenStartedAgain() throws Exception {
    String strategy = """
          canary:
            scaleDownDelaySeconds: 0
            steps:
              - setWeight: 50
              - pause: {duration: 8s}
        """;
    controller(yaml(strategy, "", "")).up(T);
    Path file = dir.resolve("service.yaml");
    Path stateFile = dir.resolve("state").resolve(service).resolve("state.json");
    String[] args = {"rollout", "start", file.toString(), "--image", IMAGE_2, "--state-dir", dir.resolve("state").toString(),
        "--engine-host", dockerHost, "--timeout", "2m"};
    try (LoadGenerator load = load(Duration.ofMinutes(3))) {
      Thread.sleep(1000);
      List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName()));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!(Files.exists(stateFile) && Files.readString(stateFile).contains("\"phase\" : \"PAUSED\""))) {
        if (System.nanoTime() > deadline || !p.isAlive()) {
          fail("the rollout did not reach its pause: " + Files.readString(dir.resolve("killed.log")));
        }
        Thread.sleep(50);
      }
      p.destroyForcibly().waitFor();
      System.out.println("[e2e] killed the driving drydock (pid " + p.pid() + ") during its pause");
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      StringWriter err = new StringWriter();
      int code = Main.run(args, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), new PrintWriter(err, true));
      System.out.println("[e2e] restarted: exit " + code + "\n" + err + out);
      assertThat(code).isZero();
      assertThat(err.toString()).contains("resuming the rollout of r2");
      assertThat(out.toString()).contains("phase:    HEALTHY").contains("stable:   r2");
      Thread.sleep(1000);
      LoadReport report = load.stop();
      System.out.println("[e2e] controller killed and restarted: " + report.summary());
      assertThat(report.failures()).as(report.summary()).isZero();
    }
  }

  @Test
  void missingSocketsAreClearErrors() throws Exception {
    Path file = dir.resolve("service.yaml");
    Files.writeString(file, yaml(BLUE_GREEN, "", "").replace(haproxy.socket().toString(), dir.resolve("missing.sock").toString()));
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"rollout", "status", file.toString(), "--engine-host", dockerHost, "--state-dir", dir.toString()},
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), new PrintWriter(err, true));
    System.out.println("[e2e] HAProxy socket missing: exit " + code + ": " + err.toString().strip());
    assertThat(code).isEqualTo(ErrorKind.UNREACHABLE.exitCode());
    assertThat(err.toString()).contains("missing.sock").doesNotContain("Exception").hasLineCount(1);

    err = new StringWriter();
    code = Main.run(new String[] {"up", file.toString(), "--engine-host", "unix://" + dir.resolve("podman-missing.sock"), "--state-dir", dir.toString()},
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), new PrintWriter(err, true));
    System.out.println("[e2e] engine socket missing: exit " + code + ": " + err.toString().strip());
    assertThat(code).isEqualTo(ErrorKind.UNREACHABLE.exitCode());
    assertThat(err.toString()).contains("podman-missing.sock").doesNotContain("Exception").hasLineCount(1);
  }
}
