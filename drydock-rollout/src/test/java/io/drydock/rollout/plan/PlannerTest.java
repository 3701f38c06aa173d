package io.drydock.rollout.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.ImageRef;
import io.drydock.rollout.spec.ServiceFile;
import io.drydock.rollout.spec.ServiceSpec;
import io.drydock.rollout.testing.FakeEngine;
import io.drydock.rollout.testing.FakeRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {
  static final ServiceSpec SPEC = ServiceFile.parse("""
      service: web
      image: localhost/app:1
      replicas: 2
      network: {portRange: 20000-20009}
      router: {backend: be, socket: /tmp/s}
      """, "web.yaml");
  static final Revision R1 = new Revision(1, ImageRef.parse("localhost/app:1"), FakeEngine.digest('1'));
  static final Revision R2 = new Revision(2, ImageRef.parse("localhost/app:2"), FakeEngine.digest('2'));

  FakeEngine engine = new FakeEngine();
  FakeRouter router = new FakeRouter();
  Set<Integer> smoked = new HashSet<>();
  /** servers that passed AwaitUp, and revisions that passed smoke, before they got weight. */
  Set<String> awaitedUp = new HashSet<>();
  List<String> violations = new ArrayList<>();

  @ParameterizedTest(name = "{0}% over {1} -> {2}")
  @CsvSource({"0,2,0", "100,1,200", "100,2,100", "20,2,20", "1,3,1", "50,3,33", "100,32,6"})
  void weights(int percent, int replicas, int weight) {
    assertThat(Planner.weightFor(percent, replicas)).isEqualTo(weight);
  }

  @Test
  void firstDeployBringsUpChecksThenWeighs() {
    List<Action> plan = plan(new SideTarget(R1, "stable", 2, 100, true));
    assertThat(plan).extracting(PlannerTest::describe).containsExactly(
        "CreateContainer drydock-web-r1-0", "StartContainer drydock-web-r1-0", "AwaitHealthy drydock-web-r1-0 127.0.0.1:20000",
        "AddServer web-r1-0 127.0.0.1:20000", "EnableServer web-r1-0", "AwaitUp web-r1-0",
        "CreateContainer drydock-web-r1-1", "StartContainer drydock-web-r1-1", "AwaitHealthy drydock-web-r1-1 127.0.0.1:20001",
        "AddServer web-r1-1 127.0.0.1:20001", "EnableServer web-r1-1", "AwaitUp web-r1-1",
        "Smoke 1 [127.0.0.1:20000, 127.0.0.1:20001]",
        "SetWeight web-r1-0 100", "SetWeight web-r1-1 100");
    Action.CreateContainer create = (Action.CreateContainer) plan.get(0);
    assertThat(create.spec().env()).containsEntry("PORT", "20000");
    assertThat(create.spec().networkMode()).isEqualTo("host");
    assertThat(create.spec().image().toString()).isEqualTo("localhost/app:1@" + FakeEngine.digest('1'));
    assertThat(create.spec().labels()).containsEntry(Labels.SERVICE, "web").containsEntry(Labels.REVISION, "1")
        .containsEntry(Labels.IMAGE_DIGEST, FakeEngine.digest('1').toString()).containsEntry(Labels.ROLE, "stable")
        .containsEntry(Labels.PORT, "20000");
  }

  @Test
  void convergedStateNeedsNothing() {
    converge(new SideTarget(R1, "stable", 2, 100, false));
    assertThat(plan(new SideTarget(R1, "stable", 2, 100, false))).isEmpty();
  }

  static Stream<Arguments> transitions() {
    return Stream.of(
        Arguments.of("promote blue/green: new weight up first, then old down",
            List.of(new SideTarget(R1, "stable", 2, 100, false), new SideTarget(R2, "preview", 2, 0, false)),
            List.of(new SideTarget(R1, "stable", 2, 0, false), new SideTarget(R2, "preview", 2, 100, false)),
            List.of("SetWeight web-r2-0 100", "SetWeight web-r2-1 100", "SetWeight web-r1-0 0", "SetWeight web-r1-1 0")),
        Arguments.of("canary 20%",
            List.of(new SideTarget(R1, "stable", 2, 100, false), new SideTarget(R2, "canary", 2, 0, false)),
            List.of(new SideTarget(R1, "stable", 2, 80, false), new SideTarget(R2, "canary", 2, 20, false)),
            List.of("SetWeight web-r2-0 20", "SetWeight web-r2-1 20", "SetWeight web-r1-0 80", "SetWeight web-r1-1 80")),
        Arguments.of("abort: stable weight back first, then the canary is drained and removed",
            List.of(new SideTarget(R1, "stable", 2, 0, false), new SideTarget(R2, "canary", 2, 100, false)),
            List.of(new SideTarget(R1, "stable", 2, 100, false)),
            List.of("SetWeight web-r1-0 100", "SetWeight web-r1-1 100",
                "Drain web-r2-0", "AwaitNoConnections web-r2-0", "Maintenance web-r2-0", "RemoveServer web-r2-0",
                "Drain web-r2-1", "AwaitNoConnections web-r2-1", "Maintenance web-r2-1", "RemoveServer web-r2-1",
                "StopContainer drydock-web-r2-0", "RemoveContainer drydock-web-r2-0",
                "StopContainer drydock-web-r2-1", "RemoveContainer drydock-web-r2-1")),
        Arguments.of("scale down one replica",
            List.of(new SideTarget(R1, "stable", 2, 100, false)),
            List.of(new SideTarget(R1, "stable", 1, 100, false)),
            List.of("SetWeight web-r1-0 200", "Drain web-r1-1", "AwaitNoConnections web-r1-1", "Maintenance web-r1-1",
                "RemoveServer web-r1-1", "StopContainer drydock-web-r1-1", "RemoveContainer drydock-web-r1-1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitions")
  void plansTransitions(String name, List<SideTarget> from, List<SideTarget> to, List<String> expected) {
    converge(from.toArray(SideTarget[]::new));
    assertThat(plan(to.toArray(SideTarget[]::new))).extracting(PlannerTest::describe).containsExactlyElementsOf(expected);
  }

  @Test
  void recreatesACrashedContainerOnItsPort() {
    converge(new SideTarget(R1, "stable", 2, 100, false));
    engine.kill("drydock-web-r1-1");
    assertThat(plan(new SideTarget(R1, "stable", 2, 100, false))).extracting(PlannerTest::describe).containsExactly(
        "RemoveContainer drydock-web-r1-1", "CreateContainer drydock-web-r1-1", "StartContainer drydock-web-r1-1",
        "AwaitHealthy drydock-web-r1-1 127.0.0.1:20001", "AwaitUp web-r1-1");
  }

  @Test
  void skipsBusyPortsAndFailsWhenTheRangeIsFull() {
    List<Action> plan = Planner.plan(SPEC, List.of(new SideTarget(R1, "stable", 1, 100, false)),
        new Observed(List.of(), List.of(), Set.of(20000, 20001)));
    assertThat(((Action.CreateContainer) plan.get(0)).spec().env()).containsEntry("PORT", "20002");
    Set<Integer> all = new HashSet<>();
    for (int p = 20000; p <= 20009; p++) {
      all.add(p);
    }
    assertThatThrownBy(() -> Planner.plan(SPEC, List.of(new SideTarget(R1, "stable", 1, 100, false)),
        new Observed(List.of(), List.of(), all))).hasMessageContaining("every port of the range is in use");
  }

  @Test
  void leavesOtherServersOfTheBackendAlone() {
    router.addServer("be", "legacy", "10.0.0.1:80", 1);
    converge(new SideTarget(R1, "stable", 1, 100, false));
    assertThat(router.servers).containsKey("legacy");
  }

  @Test
  void refusesTargetsThatDoNotAddUpTo100() {
    assertThatThrownBy(() -> plan(new SideTarget(R1, "stable", 1, 50, false)))
        .hasMessageContaining("add up to 100");
  }

  /**
   * Invariants, checked after every single router change while a sequence of rollouts is applied: once
   * anything is in rotation, never zero healthy weighted servers; a server gets weight only after the
   * router saw it UP and its revision's smoke tests passed.
   */
  @Test
  void invariantsHoldAtEveryStepThroughDeployCanaryPromoteAndAbort() {
    boolean[] started = {false};
    router.onChange = r -> {
      List<String> rotation = r.inRotation();
      if (!rotation.isEmpty()) {
        started[0] = true;
      } else if (started[0]) {
        violations.add("no server in rotation after " + r.calls.get(r.calls.size() - 1));
      }
      for (Map.Entry<String, FakeRouter.Server> e : r.servers.entrySet()) {
        int rev = Integer.parseInt(e.getKey().replaceAll("web-r(\\d+)-\\d+", "$1"));
        if (e.getValue().weight > 0 && !e.getValue().maint && (!awaitedUp.contains(e.getKey()) || !smoked.contains(rev))) {
          violations.add(e.getKey() + " weighted before passing its checks");
        }
      }
    };
    converge(new SideTarget(R1, "stable", 2, 100, true));
    converge(new SideTarget(R1, "stable", 2, 100, false), new SideTarget(R2, "canary", 2, 0, true));
    converge(new SideTarget(R1, "stable", 2, 70, false), new SideTarget(R2, "canary", 2, 30, false));
    converge(new SideTarget(R1, "stable", 2, 0, false), new SideTarget(R2, "canary", 2, 100, false));
    converge(new SideTarget(R1, "stable", 2, 100, false));
    Revision r3 = new Revision(3, ImageRef.parse("localhost/app:3"), FakeEngine.digest('3'));
    converge(new SideTarget(R1, "stable", 2, 0, false), new SideTarget(r3, "preview", 1, 100, true));
    converge(new SideTarget(r3, "stable", 1, 100, false));
    assertThat(violations).isEmpty();
    assertThat(router.inRotation()).containsExactly("web-r3-0");
    assertThat(engine.containers).containsOnlyKeys("drydock-web-r3-0");
  }

  List<Action> plan(SideTarget... targets) {
    return Planner.plan(SPEC, List.of(targets), observe());
  }

  Observed observe() {
    return new Observed(engine.list(Map.of(Labels.SERVICE, "web")), router.stats("be"), Set.of());
  }

  /** Plans and executes until nothing is left to do, as the controller does. */
  void converge(SideTarget... targets) {
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < targets.length; i++) {
        SideTarget t = targets[i];
        targets[i] = new SideTarget(t.revision(), t.role(), t.replicas(), t.trafficPercent(),
            t.smokeRequired() && !smoked.contains(t.revision().number()));
      }
      List<Action> plan = plan(targets);
      if (plan.isEmpty()) {
        return;
      }
      for (Action a : plan) {
        execute(a);
      }
    }
    throw new AssertionError("did not converge: " + plan(targets));
  }

  void execute(Action a) {
    if (a instanceof Action.CreateContainer c) {
      engine.create(c.spec());
    } else if (a instanceof Action.StartContainer st) {
      engine.start(st.container());
    } else if (a instanceof Action.AddServer s) {
      router.addServer(s.backend(), s.server(), s.address(), 0);
    } else if (a instanceof Action.EnableServer e) {
      router.enable(e.backend(), e.server());
    } else if (a instanceof Action.AwaitUp u) {
      if (router.awaitUp(u.backend(), u.server(), Duration.ofSeconds(1))) {
        awaitedUp.add(u.server());
      }
    } else if (a instanceof Action.Smoke sm) {
      smoked.add(sm.revision());
    } else if (a instanceof Action.SetWeight w) {
      router.setWeight(w.backend(), w.server(), w.weight());
    } else if (a instanceof Action.Drain d) {
      router.drain(d.backend(), d.server());
    } else if (a instanceof Action.AwaitNoConnections n) {
      router.awaitNoConnections(n.backend(), n.server(), Duration.ofSeconds(1));
    } else if (a instanceof Action.Maintenance m) {
      router.maintenance(m.backend(), m.server());
    } else if (a instanceof Action.RemoveServer r) {
      router.removeServer(r.backend(), r.server());
    } else if (a instanceof Action.StopContainer sc) {
      engine.stop(sc.container(), Duration.ofSeconds(1));
    } else if (a instanceof Action.RemoveContainer rc) {
      engine.remove(rc.container());
    }
  }

  /** "SetWeight web-r1-0 100": the action's type and its fields but backend and container spec. */
  static String describe(Action a) {
    if (a instanceof Action.CreateContainer c) {
      return "CreateContainer " + c.spec().name();
    }
    if (a instanceof Action.Smoke s) {
      return "Smoke " + s.revision() + " " + s.addresses();
    }
    StringBuilder sb = new StringBuilder(a.getClass().getSimpleName());
    for (var comp : a.getClass().getRecordComponents()) {
      if (comp.getName().equals("backend")) {
        continue;
      }
      try {
        sb.append(' ').append(comp.getAccessor().invoke(a));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return sb.toString();
  }
}
