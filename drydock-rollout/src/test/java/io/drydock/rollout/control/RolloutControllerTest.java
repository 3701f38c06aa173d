package io.drydock.rollout.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.model.event.Event;
import io.drydock.rollout.control.RolloutState.Phase;
import io.drydock.rollout.spec.MetricProvider;
import io.drydock.rollout.spec.ServiceFile;
import io.drydock.rollout.spec.ServiceSpec;
import io.drydock.rollout.testing.FakeEngine;
import io.drydock.rollout.testing.FakeProbes;
import io.drydock.rollout.testing.FakeRouter;
import io.drydock.rollout.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutControllerTest {
  static final Duration T = Duration.ofMinutes(10);
  static final String BLUE_GREEN = """
      service: web
      image: localhost/app:1
      replicas: 2
      network: {portRange: 41500-41529}
      healthCheck: {http: {path: /healthz}, interval: 1s, rise: 2}
      router: {backend: be, socket: /tmp/none}
      progressDeadline: 30s
      smokeTests:
        - name: version
          provider: {http: {path: /, jsonPath: $.version}}
          successCondition: result != "broken"
      strategy:
        blueGreen: {scaleDownDelaySeconds: 60}
      """;
  static final String CANARY = """
      service: web
      image: localhost/app:1
      replicas: 1
      network: {portRange: 41500-41529}
      router: {backend: be, socket: /tmp/none}
      strategy:
        canary:
          scaleDownDelaySeconds: 0
          steps:
            - setWeight: 25
            - analysis: {templates: [errors]}
            - setWeight: 50
            - pause: {}
      analysisTemplates:
        errors:
          metrics:
            - name: error-rate
              interval: 10s
              count: 3
              successCondition: result < 0.05
              failureCondition: result > 0.2
              provider: {haproxy: {stat: errorRate, window: 5s}}
      """;

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  FakeEngine engine = new FakeEngine();
  FakeRouter router = new FakeRouter();
  FakeProbes probes = new FakeProbes();
  List<Event> events = new CopyOnWriteArrayList<>();
  List<String> violations = new ArrayList<>();
  StateStore store;

  @BeforeEach
  void setUp() {
    store = StateStore.of(dir, "web", Map.of());
    engine.digests.put("localhost/app:1", FakeEngine.digest('1'));
    engine.digests.put("localhost/app:2", FakeEngine.digest('2'));
    router.healthy = address -> probes.healthy.test(address);
    // invariants, checked after every router change once traffic flows:
    // never zero healthy weighted servers; a weighted server passed drydock's and HAProxy's checks first
    boolean[] serving = {false};
    router.onChange = r -> {
      if (!r.inRotation().isEmpty()) {
        serving[0] = true;
      } else if (serving[0]) {
        violations.add("no server in rotation after '" + r.calls.get(r.calls.size() - 1) + "'");
      }
      r.servers.forEach((name, s) -> {
        if (s.weight > 0 && !s.maint && !r.calls.contains("awaitUp " + name)) {
          violations.add(name + " got weight before HAProxy saw it UP");
        }
      });
    };
  }

  RolloutController controller(String yaml) {
    ServiceSpec spec = ServiceFile.parse(yaml, "web.yaml");
    return new RolloutController(spec, engine, router, store, probes, clock, clock.sleeper(), events::add);
  }

  int rev(String server) {
    return Integer.parseInt(server.replaceAll("web-r(\\d+)-\\d+", "$1"));
  }

  List<Integer> revisionsInRotation() {
    return router.inRotation().stream().map(this::rev).distinct().sorted().toList();
  }

  @Test
  void upDeploysTheFirstRevisionBehindChecks() throws Exception {
    RolloutState s = controller(BLUE_GREEN).up(T);
    assertThat(s.phase()).isEqualTo(Phase.HEALTHY);
    assertThat(s.stable().number()).isEqualTo(1);
    assertThat(s.stable().image().toString()).isEqualTo("localhost/app:1@" + FakeEngine.digest('1'));
    assertThat(router.inRotation()).containsExactly("web-r1-0", "web-r1-1");
    assertThat(engine.specs.get("drydock-web-r1-0").env()).containsEntry("PORT", "41500");
    assertThat(router.calls).containsSubsequence("add web-r1-0 127.0.0.1:41500", "awaitUp web-r1-0", "weight web-r1-0 100");
    assertThat(store.load("web").smokePassed()).isTrue();
    assertThat(violations).isEmpty();
  }

  @Test
  void blueGreenSwapsAndKeepsTheOldSideRunnableForTheScaleDownDelay() throws Exception {
    RolloutController c = controller(BLUE_GREEN);
    c.up(T);
    RolloutState s = c.start(ImageRef.parse("localhost/app:2"), T, false);
    assertThat(s.phase()).isEqualTo(Phase.HEALTHY);
    assertThat(s.stable().number()).isEqualTo(2);
    assertThat(s.previous().number()).isEqualTo(1);
    assertThat(revisionsInRotation()).containsExactly(2);
    // old side: containers running, servers still in HAProxy (weight 0, checks on) until the delay is over
    assertThat(engine.containers.get("drydock-web-r1-0").running()).isTrue();
    assertThat(router.servers).containsKeys("web-r1-0", "web-r1-1");
    assertThat(router.status("web-r1-0")).isEqualTo("UP");
    clock.advance(Duration.ofSeconds(59));
    c.up(T);
    assertThat(engine.containers).containsKey("drydock-web-r1-0");
    clock.advance(Duration.ofSeconds(2));
    c.up(T);
    assertThat(engine.containers).containsOnlyKeys("drydock-web-r2-0", "drydock-web-r2-1");
    assertThat(router.servers).containsOnlyKeys("web-r2-0", "web-r2-1");
    assertThat(c.history()).extracting(RolloutState.HistoryEntry::outcome).containsExactly("deployed", "started", "promoted");
    assertThat(violations).isEmpty();
  }

  @Test
  void undoWithinTheDelayIsOneFlip() throws Exception {
    RolloutController c = controller(BLUE_GREEN);
    c.up(T);
    c.start(ImageRef.parse("localhost/app:2"), T, false);
    int created = (int) engine.calls.stream().filter(x -> x.startsWith("create")).count();
    RolloutState s = c.undo(T, false);
    assertThat(s.stable().number()).isEqualTo(1);
    assertThat(s.previous().number()).isEqualTo(2);
    assertThat(revisionsInRotation()).containsExactly(1);
    assertThat(engine.calls.stream().filter(x -> x.startsWith("create")).count()).isEqualTo(created);
    assertThat(violations).isEmpty();
  }

  @Test
  void neverHealthyReleaseAbortsAndLeavesStableUntouched() throws Exception {
    RolloutController c = controller(BLUE_GREEN);
    c.up(T);
    List<String> stableCalls = List.copyOf(router.calls);
    probes.healthy = address -> !address.endsWith(":41502") && !address.endsWith(":41503");
    assertThatThrownBy(() -> c.start(ImageRef.parse("localhost/app:2"), T, false))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.ROLLOUT_FAILED);
          assertThat(e.getMessage()).contains("did not pass its health check").contains("traffic is on r1")
              .doesNotContain("\n");
        });
    RolloutState s = c.status();
    assertThat(s.phase()).isEqualTo(Phase.ABORTED);
    assertThat(revisionsInRotation()).containsExactly(1);
    assertThat(router.servers).containsOnlyKeys("web-r1-0", "web-r1-1");
    assertThat(engine.containers).containsOnlyKeys("drydock-web-r1-0", "drydock-web-r1-1");
    // r1's servers were never touched: no weight change, drain or maintenance after up
    assertThat(router.calls.subList(stableCalls.size(), router.calls.size()))
        .noneMatch(x -> x.contains("web-r1-") && !x.startsWith("awaitUp"));
    assertThat(violations).isEmpty();
  }

  @Test
  void failedSmokeTestAbortsBeforeAnyUserTraffic() throws Exception {
    RolloutController c = controller(BLUE_GREEN);
    c.up(T);
    probes.values = (p, address) -> address.endsWith(":41502") ? "broken" : "1";
    assertThatThrownBy(() -> c.start(ImageRef.parse("localhost/app:2"), T, false))
        .hasMessageContaining("smoke test 'version' against r2 at 127.0.0.1:41502 was FAILED: got broken");
    assertThat(router.calls).noneMatch(x -> x.matches("weight web-r2-\\d [1-9].*"));
    assertThat(revisionsInRotation()).containsExactly(1);
    assertThat(violations).isEmpty();
  }

  /** Canary servers answer with the given error rate while the analysis samples HAProxy. */
  void canaryErrorRate(double rate) {
    clock.onSleep = () -> router.servers.forEach((name, s) -> {
      if (!name.startsWith("web-r1-") && s.weight > 0) {
        s.requests += 100;
        s.errors += Math.round(100 * rate);
      }
    });
  }

  @Test
  void badCanaryFailsAnalysisAndTrafficGoesBackToStableFirst() throws Exception {
    RolloutController c = controller(CANARY);
    c.up(T);
    canaryErrorRate(0.3);
    assertThatThrownBy(() -> c.start(ImageRef.parse("localhost/app:2"), T, false))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ROLLOUT_FAILED))
        .hasMessageContaining("analysis [errors] ended FAILED: error-rate FAILED (1 failed > failureLimit 0; last 0.3)");
    assertThat(revisionsInRotation()).containsExactly(1);
    assertThat(router.servers).containsOnlyKeys("web-r1-0");
    List<String> calls = router.calls;
    int stableBack = calls.lastIndexOf("weight web-r1-0 200");
    assertThat(stableBack).isGreaterThan(calls.indexOf("weight web-r2-0 50"));
    assertThat(stableBack).isLessThan(calls.indexOf("drain web-r2-0"));
    assertThat(violations).isEmpty();
  }

  @Test
  void goodCanaryWalksItsStepsPausesUntilPromotedThenCompletes() throws Exception {
    RolloutController c = controller(CANARY);
    c.up(T);
    canaryErrorRate(0.0);
    RolloutState s = c.start(ImageRef.parse("localhost/app:2"), T, false);
    assertThat(s.phase()).isEqualTo(Phase.PAUSED);
    assertThat(s.canaryWeight()).isEqualTo(50);
    assertThat(s.message()).contains("waiting for 'drydock rollout promote'");
    assertThat(router.servers.get("web-r2-0").weight).isEqualTo(100);
    assertThat(router.servers.get("web-r1-0").weight).isEqualTo(100);
    s = c.promote(T, false);
    assertThat(s.phase()).isEqualTo(Phase.HEALTHY);
    assertThat(revisionsInRotation()).containsExactly(2);
    assertThat(engine.containers).containsOnlyKeys("drydock-web-r2-0");
    assertThat(violations).isEmpty();
  }

  @Test
  void inconclusiveAnalysisPauses() throws Exception {
    RolloutController c = controller(CANARY);
    c.up(T);
    canaryErrorRate(0.1);
    RolloutState s = c.start(ImageRef.parse("localhost/app:2"), T, false);
    assertThat(s.phase()).isEqualTo(Phase.PAUSED);
    assertThat(s.message()).startsWith("analysis [errors] inconclusive");
    assertThat(revisionsInRotation()).containsExactly(1, 2);
  }

  @Test
  void abortRequestFromAnotherProcessPutsTrafficBackOnStable() throws Exception {
    RolloutController c = controller(CANARY);
    c.up(T);
    int[] sleeps = {0};
    clock.onSleep = () -> {
      if (++sleeps[0] == 3) {
        store.request(StateStore.Request.ABORT);
      }
    };
    assertThatThrownBy(() -> c.start(ImageRef.parse("localhost/app:2"), T, false))
        .hasMessageContaining("aborted on request; traffic is on r1");
    assertThat(c.status().phase()).isEqualTo(Phase.ABORTED);
    assertThat(revisionsInRotation()).containsExactly(1);
    assertThat(violations).isEmpty();
  }

  @Test
  void twoRolloutsOfOneServiceCannotRunAtOnce() throws Exception {
    RolloutController c = controller(CANARY);
    c.up(T);
    Optional<StateStore.Lock> other = store.tryLock();
    assertThat(other).isPresent();
    try (StateStore.Lock held = other.get()) {
      assertThatThrownBy(() -> c.start(ImageRef.parse("localhost/app:2"), T, false))
          .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
          .hasMessageContaining("another drydock (pid " + ProcessHandle.current().pid() + ") is rolling it out");
      assertThat(store.tryLock()).isEmpty();
    }
    assertThat(c.start(ImageRef.parse("localhost/app:2"), T, false).phase()).isNotNull();
  }

  @Test
  void resumesAfterTheControllerDiedMidRollout() throws Exception {
    RolloutController c = controller(CANARY);
    c.up(T);
    canaryErrorRate(0.0);
    // the process dies (here: an unchecked throwable out of a sleep) in the middle of the analysis step
    int[] sleeps = {0};
    Runnable errors = clock.onSleep;
    clock.onSleep = () -> {
      errors.run();
      if (++sleeps[0] == 2) {
        throw new Killed();
      }
    };
    assertThatThrownBy(() -> c.start(ImageRef.parse("localhost/app:2"), T, false)).isInstanceOf(Killed.class);
    RolloutState mid = store.load("web");
    assertThat(mid.phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(mid.canary().number()).isEqualTo(2);
    // a new drydock (new controller, same state dir) resumes the same rollout
    clock.onSleep = errors;
    RolloutState s = controller(CANARY).start(ImageRef.parse("localhost/app:2"), T, false);
    assertThat(s.phase()).isEqualTo(Phase.PAUSED);
    assertThat(s.canary().number()).isEqualTo(2);
    assertThat(engine.calls.stream().filter(x -> x.startsWith("create drydock-web-r2")).count()).isEqualTo(1);
    // another image while it is in progress is a conflict
    engine.digests.put("localhost/app:3", FakeEngine.digest('3'));
    assertThatThrownBy(() -> controller(CANARY).start(ImageRef.parse("localhost/app:3"), T, false))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
  }

  static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void routerSocketLostDuringAnalysisErrorsThenAborts() throws Exception {
    RolloutController c = controller(CANARY);
    c.up(T);
    int[] sleeps = {0};
    clock.onSleep = () -> {
      if (++sleeps[0] == 2) {
        router.unreachable = true;
      }
    };
    // measurements error (consecutiveErrorLimit 4 -> abort), and the abort itself cannot reach HAProxy
    assertThatThrownBy(() -> c.start(ImageRef.parse("localhost/app:2"), T, false))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE));
    assertThat(c.status().phase()).isEqualTo(Phase.ABORTED);
    router.unreachable = false;
    RolloutState s = c.abort(T);
    assertThat(s.phase()).isEqualTo(Phase.ABORTED);
    assertThat(revisionsInRotation()).containsExactly(1);
    assertThat(router.servers).containsOnlyKeys("web-r1-0");
  }

  @Test
  void rebuildsStateFromContainerLabels() throws Exception {
    controller(BLUE_GREEN).up(T);
    Files.delete(store.dir().resolve("state.json"));
    RolloutState s = controller(BLUE_GREEN).start(ImageRef.parse("localhost/app:2"), T, false);
    assertThat(s.stable().number()).isEqualTo(2);
    assertThat(s.previous().number()).isEqualTo(1);
    assertThat(events).anyMatch(e -> e instanceof Event.Warning w && w.message().contains("rebuilt it from container labels"));
  }

  @Test
  void unreachableEngineIsAClearError() {
    engine.unreachable = true;
    assertThatThrownBy(() -> controller(BLUE_GREEN).up(T))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE));
  }

  @Test
  void stateSurvivesAJsonRoundTrip() throws Exception {
    controller(BLUE_GREEN).up(T);
    RolloutState s = store.load("web");
    store.save(s);
    assertThat(store.load("web")).isEqualTo(s);
    assertThat(Files.readString(store.dir().resolve("state.json"))).contains("\"phase\" : \"HEALTHY\"");
    assertThat(MetricProvider.HaproxyStat.ofYaml("errorRate")).isEqualTo(MetricProvider.HaproxyStat.ERROR_RATE);
  }
}
