package io.drydock.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.drydock.engine.docker.DockerEngine;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.model.event.Event;
import io.drydock.model.event.RolloutEvent;
import io.drydock.rollout.control.RolloutState;
import io.drydock.rollout.plan.Labels;
import io.drydock.rollout.service.RolloutService;
import io.drydock.rollout.spi.ContainerInfo;
import io.drydock.router.haproxy.HaproxyConfig;
import io.drydock.router.haproxy.HaproxyProcess;
import io.drydock.router.haproxy.testkit.LoadGenerator;
import io.drydock.router.haproxy.testkit.LoadReport;
import io.drydock.router.haproxy.testkit.LoadSpec;
import io.drydock.router.haproxy.testkit.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rollout stage wired as a server would: {@link RolloutService#load} with no picocli, the engine and router
 * found through {@code ServiceLoader} (the Docker adapter on {@code $DOCKER_HOST}, real Podman; a real HAProxy 2.6
 * started per test), a canary rollout of the test app under 300 req/s of the router module's load generator, and
 * the typed events it emits.
 */
class RolloutServiceIT {
  static final String IMAGE_1 = "localhost/drydock-testapp:1";
  static final String IMAGE_2 = "localhost/drydock-testapp:2";
  static final Duration T = Duration.ofMinutes(3);

  final List<Event> events = new CopyOnWriteArrayList<>();
  DockerEngine engine;
  HaproxyProcess haproxy;
  Path dir;
  String service;
  int portFrom;

  @BeforeEach
  void setUp() throws Exception {
    String host = System.getenv("DOCKER_HOST");
    if (host == null || host.isBlank()) {
      fail("DOCKER_HOST is not set: run scripts/test-env.sh up and eval \"$(scripts/test-env.sh env)\"");
    }
    engine = DockerEngine.connect(host);
    for (String image : List.of(IMAGE_1, IMAGE_2)) {
      try {
        engine.pull(ImageRef.parse(image), Duration.ofSeconds(30));
      } catch (DrydockException e) {
        fail(image + " is missing: run scripts/test-env.sh up (" + e.getMessage() + ")");
      }
    }
    dir = Files.createDirectories(Path.of("target", "service-it-" + Long.toHexString(System.nanoTime())).toAbsolutePath());
    service = "svc" + Long.toHexString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24));
    portFrom = RolloutE2EIT.freeRange(20);
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

  Path serviceFile(String env) throws Exception {
    Path file = dir.resolve("service.yaml");
    Files.writeString(file, "service: " + service + "\n"
        + "image: " + IMAGE_1 + "\n"
        + "replicas: 2\n"
        + "container:\n  stopGrace: 10s\n" + (env.isEmpty() ? "" : "  env: {" + env + "}\n")
        + "network: {mode: host, portRange: " + portFrom + "-" + (portFrom + 19) + "}\n"
        + "healthCheck: {http: {path: /healthz}, interval: 200ms, timeout: 1s, rise: 1}\n"
        + "router: {frontend: be_" + service + "_in, backend: be_" + service + ", socket: " + haproxy.socket() + "}\n"
        + "progressDeadline: 20s\n"
        + """
        strategy:
          canary:
            scaleDownDelaySeconds: 0
            steps:
              - setWeight: 30
              - analysis: {templates: [health]}
              - setWeight: 60
              - pause: {duration: 1s}
        analysisTemplates:
          health:
            metrics:
              - name: error-rate
                interval: 1s
                count: 3
                successCondition: result < 0.05
                provider: {haproxy: {stat: errorRate, window: 1s}}
        """);
    return file;
  }

  /** As {@code drydock serve} would build it: settings from its own config and environment, events to its ledger. */
  RolloutService rolloutService() {
    return RolloutService.load(RolloutService.Settings.of(dir.resolve("state"), null, System.getenv()), events::add);
  }

  LoadGenerator load() {
    return LoadGenerator.start(LoadSpec.of(haproxy.frontendPort(), 300, Duration.ofMinutes(3))
        .withConnections(8, LoadSpec.ConnectionMode.MIXED).withPosts(0.2, 256));
  }

  <T extends RolloutEvent> List<T> typed(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void canaryUnderLoadLosesNoRequestAndReportsEachStepAsATypedEvent() throws Exception {
    RolloutService rollout = rolloutService();
    RolloutService.Outcome up = rollout.up(serviceFile(""), T);
    assertThat(up.state().stable().number()).isEqualTo(1);
    assertThat(typed(RolloutEvent.DeployStarted.class)).singleElement().satisfies(e -> assertThat(e.revision()).isEqualTo(1));
    try (LoadGenerator load = load()) {
      Thread.sleep(1500);
      RolloutService.Outcome done = rollout.start(serviceFile(""), ImageRef.parse(IMAGE_2), T, false);
      Thread.sleep(1000);
      LoadReport report = load.stop();
      System.out.println("[service-it] canary through RolloutService: " + report.summary());
      assertThat(report.failures()).as(report.summary()).isZero();
      assertThat(report.byVersion()).containsKeys("1", "2");

      assertThat(done.state().phase()).isEqualTo(RolloutState.Phase.HEALTHY);
      assertThat(done.state().stable().number()).isEqualTo(2);
      assertThat(done.servers()).isNotEmpty().allSatisfy(s -> assertThat(s.server()).startsWith(service + "-r2-"));
    }
    RolloutEvent.RolloutStarted started = typed(RolloutEvent.RolloutStarted.class).get(0);
    assertThat(started.service()).isEqualTo(service);
    assertThat(started.revision()).isEqualTo(2);
    assertThat(started.strategy()).isEqualTo("canary");
    assertThat(started.digest()).isEqualTo(engine.pull(ImageRef.parse(IMAGE_2), Duration.ofSeconds(30)));
    assertThat(typed(RolloutEvent.RolloutStepped.class)).extracting(RolloutEvent.RolloutStepped::weight)
        .containsExactly(0, 30, 30, 60, 60, 100);
    assertThat(typed(RolloutEvent.RolloutStepped.class)).extracting(RolloutEvent.RolloutStepped::steps).containsOnly(6);
    assertThat(typed(RolloutEvent.AnalysisCompleted.class)).singleElement()
        .satisfies(a -> assertThat(a.phase()).isEqualTo("SUCCESSFUL"));
    assertThat(typed(RolloutEvent.RolloutPromoted.class)).singleElement()
        .satisfies(p -> assertThat(p.revision()).isEqualTo(2))
        .satisfies(p -> assertThat(p.replaced()).isEqualTo(1));
    assertThat(typed(RolloutEvent.RolloutAborted.class)).isEmpty();
    assertThat(engine.list(Map.of(Labels.SERVICE, service, Labels.REVISION, "1"))).isEmpty();
  }

  @Test
  void failingCanaryIsAbortedWithATypedEventAndTrafficBackOnStable() throws Exception {
    RolloutService rollout = rolloutService();
    rollout.up(serviceFile(""), T);
    try (LoadGenerator load = load()) {
      Thread.sleep(1500);
      assertThatThrownBy(() -> rollout.start(serviceFile("ERROR_RATE: '0.3'"), ImageRef.parse(IMAGE_2), T, false))
          .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ROLLOUT_FAILED))
          .hasMessageContaining("error-rate FAILED");
      load.stop();
    }
    assertThat(typed(RolloutEvent.AnalysisCompleted.class)).singleElement().satisfies(a -> assertThat(a.phase()).isEqualTo("FAILED"));
    assertThat(typed(RolloutEvent.RolloutAborted.class)).singleElement().satisfies(a -> {
      assertThat(a.revision()).isEqualTo(2);
      assertThat(a.stable()).isEqualTo(1);
      assertThat(a.reason()).contains("error-rate FAILED");
    });
    assertThat(typed(RolloutEvent.RolloutPromoted.class)).isEmpty();
    assertThat(rollout.savedState(serviceFile("")).phase()).isEqualTo(RolloutState.Phase.ABORTED);
    assertThat(engine.list(Map.of(Labels.SERVICE, service, Labels.REVISION, "2"))).isEmpty();
  }
}
