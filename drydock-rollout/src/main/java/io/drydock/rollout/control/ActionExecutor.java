package io.drydock.rollout.control;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.event.EventSink;
import io.drydock.rollout.analysis.AnalysisPhase;
import io.drydock.rollout.analysis.Measurement;
import io.drydock.rollout.plan.Action;
import io.drydock.rollout.plan.Labels;
import io.drydock.rollout.plan.Observed;
import io.drydock.rollout.plan.Planner;
import io.drydock.rollout.plan.SideTarget;
import io.drydock.rollout.spec.Metric;
import io.drydock.rollout.spec.ServiceSpec;
import io.drydock.rollout.spi.ContainerEngine;
import io.drydock.rollout.spi.ContainerInfo;
import io.drydock.rollout.spi.ServerStats;
import io.drydock.rollout.spi.TrafficRouter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


/** Carries out the planner's actions against the engine and router: converge, health checks, smoke tests. */
final class ActionExecutor {
  private final ServiceSpec spec;
  private final ContainerEngine engine;
  private final TrafficRouter router;
  private final StateStore store;
  private final Probes probes;
  private final Clock clock;
  private final Sleeper sleeper;
  private final EventSink events;
  private final Context ctx;
  private final AnalysisRun analysis;

  ActionExecutor(Context ctx, AnalysisRun analysis) {
    this.spec = ctx.spec();
    this.engine = ctx.engine();
    this.router = ctx.router();
    this.store = ctx.store();
    this.probes = ctx.probes();
    this.clock = ctx.clock();
    this.sleeper = ctx.sleeper();
    this.events = ctx.events();
    this.ctx = ctx;
    this.analysis = analysis;
  }


  /** Plans and acts until the service matches the state's targets (at most 4 rounds). */
  RolloutState converge(RolloutState state, Instant deadline) throws InterruptedException {
    List<SideTarget> targets = Targets.of(spec, state);
    List<Action> plan = List.of();
    for (int round = 0; round < 4; round++) {
      plan = Planner.plan(spec, targets, observe());
      if (plan.isEmpty()) {
        return state;
      }
      for (Action a : plan) {
        state = execute(a, state, deadline);
      }
      targets = Targets.of(spec, state);
    }
    plan = Planner.plan(spec, targets, observe());
    if (plan.isEmpty()) {
      return state;
    }
    if (plan.stream().allMatch(ActionExecutor::isRetirement)) {
      events.warn(spec.name() + ": could not finish removing old servers or containers (" + plan.size()
          + " actions left); the next drydock command retries");
      return state;
    }
    throw new DrydockException(ErrorKind.ROLLOUT_FAILED, "the service did not reach its target after 4 rounds; still to do: " + plan.get(0));
  }

  private static boolean isRetirement(Action a) {
    return a instanceof Action.Drain || a instanceof Action.AwaitNoConnections || a instanceof Action.Maintenance
        || a instanceof Action.RemoveServer || a instanceof Action.StopContainer || a instanceof Action.RemoveContainer;
  }

  private Observed observe() {
    List<ContainerInfo> containers = engine.list(Map.of(Labels.SERVICE, spec.name()));
    List<ServerStats> servers = router.stats(spec.router().backend());
    Set<Integer> ours = new HashSet<>();
    for (ContainerInfo c : containers) {
      String p = c.labels().get(Labels.PORT);
      if (p != null && p.matches("\\d{1,5}")) {
        ours.add(Integer.parseInt(p));
      }
    }
    Set<Integer> busy = new HashSet<>();
    for (int p = spec.network().portFrom(); p <= spec.network().portTo(); p++) {
      if (!ours.contains(p) && !free(p)) {
        busy.add(p);
      }
    }
    return new Observed(containers, servers, busy);
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private RolloutState execute(Action a, RolloutState state, Instant deadline) throws InterruptedException {
    ctx.checkAbort(state);
    String backend = spec.router().backend();
    if (a instanceof Action.CreateContainer c) {
      events.info(spec.name() + ": create " + c.spec().name() + " (" + c.spec().image() + ", port " + c.spec().labels().get(Labels.PORT) + ")");
      engine.create(c.spec());
    } else if (a instanceof Action.StartContainer s) {
      engine.start(s.container());
    } else if (a instanceof Action.AwaitHealthy h) {
      awaitHealthy(h.container(), h.address(), state, deadline);
    } else if (a instanceof Action.AddServer s) {
      events.info(spec.name() + ": add server " + backend + "/" + s.server() + " " + s.address() + " (no traffic yet)");
      router.addServer(backend, s.server(), s.address(), 0);
    } else if (a instanceof Action.EnableServer e) {
      router.enable(backend, e.server());
    } else if (a instanceof Action.AwaitUp u) {
      Duration left = Times.min(spec.progressDeadline(), Times.positive(Duration.between(clock.instant(), deadline)));
      if (!router.awaitUp(backend, u.server(), left)) {
        throw new DrydockException(ErrorKind.ROLLOUT_FAILED, "HAProxy did not report " + backend + "/" + u.server() + " UP within " + left);
      }
    } else if (a instanceof Action.Smoke s) {
      smoke(s);
      RolloutState passed = state.withSmokePassed();
      store.save(passed);
      return passed;
    } else if (a instanceof Action.SetWeight w) {
      events.info(spec.name() + ": weight " + backend + "/" + w.server() + " = " + w.weight());
      router.setWeight(backend, w.server(), w.weight());
    } else if (a instanceof Action.Drain d) {
      events.info(spec.name() + ": drain " + backend + "/" + d.server());
      router.drain(backend, d.server());
    } else if (a instanceof Action.AwaitNoConnections n) {
      Duration grace = spec.container().stopGrace();
      if (!router.awaitNoConnections(backend, n.server(), grace)) {
        events.warn(spec.name() + ": " + backend + "/" + n.server() + " still has connections after " + grace + "; removing it anyway");
      }
    } else if (a instanceof Action.Maintenance m) {
      router.maintenance(backend, m.server());
    } else if (a instanceof Action.RemoveServer r) {
      try {
        router.removeServer(backend, r.server());
      } catch (DrydockException e) {
        if (e.kind() == ErrorKind.UNREACHABLE) {
          throw e;
        }
        events.warn(spec.name() + ": " + e.getMessage());
      }
    } else if (a instanceof Action.StopContainer s) {
      events.info(spec.name() + ": stop " + s.container());
      engine.stop(s.container(), spec.container().stopGrace());
    } else if (a instanceof Action.RemoveContainer r) {
      engine.remove(r.container());
    }
    return state;
  }

  private void awaitHealthy(String container, String address, RolloutState state, Instant deadline) throws InterruptedException {
    Instant until = Times.min(clock.instant().plus(spec.progressDeadline()), deadline);
    int passes = 0;
    while (true) {
      ctx.checkAbort(state);
      Optional<ContainerInfo> info = engine.inspect(container);
      if (info.isEmpty() || !info.get().running()) {
        String exit = info.map(i -> i.state() + (i.exitCode() == null ? "" : " with code " + i.exitCode())).orElse("gone");
        throw new DrydockException(ErrorKind.ROLLOUT_FAILED, "container " + container + " is " + exit + "; last log lines: "
            + lastLines(engine.logs(container, 5)));
      }
      if (probes.probe(spec.healthCheck().probe(), address, spec.healthCheck().timeout())) {
        if (++passes >= spec.healthCheck().rise()) {
          return;
        }
      } else {
        passes = 0;
      }
      if (!clock.instant().isBefore(until)) {
        throw new DrydockException(ErrorKind.ROLLOUT_FAILED, "container " + container + " did not pass its health check at " + address
            + " within " + spec.progressDeadline() + "; last log lines: " + lastLines(engine.logs(container, 5)));
      }
      sleeper.sleep(spec.healthCheck().interval());
    }
  }

  private static String lastLines(String logs) {
    String s = logs.strip().replace('\n', '|');
    return s.length() > 300 ? "..." + s.substring(s.length() - 300) : s;
  }

  private void smoke(Action.Smoke s) throws InterruptedException {
    for (Metric m : spec.smokeTests()) {
      for (String address : s.addresses()) {
        Measurement result = analysis.measureOnce(m, address);
        events.info(spec.name() + ": smoke test " + m.name() + " against r" + s.revision() + " at " + address + ": "
            + result.value() + " -> " + result.phase());
        if (result.phase() != AnalysisPhase.SUCCESSFUL) {
          throw new DrydockException(ErrorKind.ROLLOUT_FAILED, "smoke test '" + m.name() + "' against r" + s.revision() + " at "
              + address + " was " + result.phase() + ": " + (result.value() == null ? result.message() : "got " + result.value()
              + (m.successCondition() == null ? "" : ", expected " + m.successCondition())));
        }
      }
    }
  }

}
