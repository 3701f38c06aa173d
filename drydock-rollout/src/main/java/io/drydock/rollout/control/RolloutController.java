package io.drydock.rollout.control;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.model.event.EventSink;
import io.drydock.model.event.RolloutEvent;
import io.drydock.rollout.analysis.AnalysisAssessor;
import io.drydock.rollout.analysis.AnalysisPhase;
import io.drydock.rollout.analysis.Measurement;
import io.drydock.rollout.analysis.MetricResult;
import io.drydock.rollout.control.RolloutState.HistoryEntry;
import io.drydock.rollout.control.RolloutState.Phase;
import io.drydock.rollout.control.StateStore.Request;
import io.drydock.rollout.plan.Action;
import io.drydock.rollout.plan.Labels;
import io.drydock.rollout.plan.Observed;
import io.drydock.rollout.plan.Planner;
import io.drydock.rollout.plan.Revision;
import io.drydock.rollout.plan.SideTarget;
import io.drydock.rollout.spec.Metric;
import io.drydock.rollout.spec.MetricProvider;
import io.drydock.rollout.spec.RolloutStrategy;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Drives a service's rollouts through the {@link ContainerEngine} and {@link TrafficRouter}: decides with the
 * pure {@link Planner} and {@link AnalysisAssessor}, persists its {@link RolloutState} after every step in a
 * {@link StateStore}, and holds the store's lock while it acts (a second drydock gets CONFLICT; its
 * {@code promote} and {@code abort} reach this one as request files, checked every 100 ms).
 *
 * <p>Failures: a step that fails (health check, smoke test, analysis, deadline) aborts the rollout, which
 * puts all new requests back on the stable revision at once and then drains and removes the new one; the
 * method then throws ROLLOUT_FAILED. An engine or router that cannot be reached throws UNREACHABLE and
 * leaves the state as it was, so the same command resumes once it is back.
 */
public final class RolloutController {
  static final Duration POLL = Duration.ofMillis(100);

  private final ServiceSpec spec;
  private final ContainerEngine engine;
  private final TrafficRouter router;
  private final StateStore store;
  private final Probes probes;
  private final Clock clock;
  private final Sleeper sleeper;
  private final EventSink events;

  public RolloutController(ServiceSpec spec, ContainerEngine engine, TrafficRouter router, StateStore store,
      Probes probes, Clock clock, Sleeper sleeper, EventSink events) {
    this.spec = spec;
    this.engine = engine;
    this.router = router;
    this.store = store;
    this.probes = probes;
    this.clock = clock;
    this.sleeper = sleeper;
    this.events = events;
  }

  // ---------------------------------------------------------------- public commands

  /** First deploy (or repair: recreate what is missing, retire what is due). Returns the state after it. */
  public RolloutState up(Duration timeout) throws InterruptedException {
    try (StateStore.Lock lock = lock("deploy")) {
      RolloutState state = loadOrRebuild();
      if (state.phase() == Phase.NEW) {
        Digest digest = engine.pull(spec.image(), timeout);
        Revision r = new Revision(state.nextRevision(), spec.image(), digest);
        events.emit(new RolloutEvent.DeployStarted(spec.name(), r.number(), r.image().toString(), r.digest()));
        state = new RolloutState(RolloutState.SCHEMA, spec.name(), RolloutState.Revisions.of(r),
            RolloutState.Progress.at(Phase.HEALTHY, false, null), r.number() + 1, state.history());
        state = state.record(r, clock.instant(), "deployed", null);
        store.save(state);
        try {
          state = converge(state, clock.instant().plus(timeout));
        } catch (DrydockException e) {
          if (e.kind() != ErrorKind.ROLLOUT_FAILED) {
            throw e;
          }
          RolloutState failed = RolloutState.initial(spec.name()).record(r, clock.instant(), "failed", e.getMessage());
          failed = failed.with(RolloutState.Progress.at(Phase.NEW, false, e.getMessage())).withNextRevision(r.number() + 1);
          store.save(failed);
          converge(failed, clock.instant().plus(timeout));
          throw e;
        }
        return state;
      }
      if (state.inProgress()) {
        events.info(spec.name() + ": a rollout of r" + state.canary().number() + " is in progress; resuming it");
        return drive(state, clock.instant().plus(timeout), false);
      }
      state = scaleDownIfDue(state);
      state = converge(state, clock.instant().plus(timeout));
      if (state.stable() != null && !spec.image().equals(state.stable().image().withDigest(null))
          && !spec.image().equals(state.stable().image())) {
        events.info(spec.name() + ": r" + state.stable().number() + " runs " + state.stable().image()
            + "; run 'drydock rollout start' to deploy " + spec.image());
      }
      return state;
    }
  }

  /**
   * Starts a rollout of {@code image} (default: the service file's), or resumes the one in progress for the
   * same digest. Returns when the rollout completed, or paused for a human unless {@code waitThroughPauses}.
   */
  public RolloutState start(@Nullable ImageRef image, Duration timeout, boolean waitThroughPauses) throws InterruptedException {
    try (StateStore.Lock lock = lock("start a rollout of")) {
      Instant deadline = clock.instant().plus(timeout);
      RolloutState state = loadOrRebuild();
      if (state.phase() == Phase.NEW || state.stable() == null) {
        throw DrydockException.usage("Tried to start a rollout of " + spec.name() + " but failed because: it is not deployed yet; run 'drydock up' first");
      }
      ImageRef target = image != null ? image : spec.image();
      Digest digest = engine.pull(target, timeout);
      if (state.inProgress()) {
        if (state.canary().digest().equals(digest)) {
          events.info(spec.name() + ": resuming the rollout of r" + state.canary().number());
          return finish(drive(state, deadline, waitThroughPauses), deadline, waitThroughPauses);
        }
        throw new DrydockException(ErrorKind.CONFLICT, "Tried to start a rollout of " + target + " but failed because: the rollout of r"
            + state.canary().number() + " (" + state.canary().image() + ") is in progress; promote or abort it first");
      }
      if (state.stable().digest().equals(digest)) {
        events.info(spec.name() + ": r" + state.stable().number() + " already runs " + digest + "; nothing to roll out");
        return state;
      }
      return finish(begin(state, target, digest, deadline, waitThroughPauses), deadline, waitThroughPauses);
    }
  }

  /** Continues a paused rollout (or resumes one whose driver died). Asks the driving process when there is one. */
  public RolloutState promote(Duration timeout, boolean waitThroughPauses) throws InterruptedException {
    Optional<StateStore.Lock> lock = store.tryLock();
    if (lock.isEmpty()) {
      store.request(Request.PROMOTE);
      events.info(spec.name() + ": asked the drydock driving the rollout (pid " + store.holder() + ") to promote");
      return store.load(spec.name());
    }
    try (StateStore.Lock l = lock.get()) {
      Instant deadline = clock.instant().plus(timeout);
      RolloutState state = store.load(spec.name());
      if (!state.inProgress()) {
        throw DrydockException.usage("Tried to promote " + spec.name() + " but failed because: no rollout is in progress (phase "
            + state.phase() + ")");
      }
      if (state.phase() == Phase.PAUSED) {
        state = advance(state);
      }
      return finish(drive(state, deadline, waitThroughPauses), deadline, waitThroughPauses);
    }
  }

  /**
   * Aborts the rollout in progress: new requests go to the stable revision at once, then the new one is
   * drained and removed. When another drydock drives the rollout, asks it to and waits up to {@code timeout}.
   */
  public RolloutState abort(Duration timeout) throws InterruptedException {
    Optional<StateStore.Lock> lock = store.tryLock();
    if (lock.isEmpty()) {
      store.request(Request.ABORT);
      events.info(spec.name() + ": asked the drydock driving the rollout (pid " + store.holder() + ") to abort");
      Instant deadline = clock.instant().plus(timeout);
      while (clock.instant().isBefore(deadline)) {
        RolloutState s = store.load(spec.name());
        if (!s.inProgress()) {
          return s;
        }
        sleeper.sleep(POLL);
      }
      throw new DrydockException(ErrorKind.CONFLICT, "Tried to abort the rollout of " + spec.name() + " but failed because: the drydock driving it (pid "
          + store.holder() + ") did not abort within " + timeout);
    }
    try (StateStore.Lock l = lock.get()) {
      RolloutState state = store.load(spec.name());
      if (state.phase() == Phase.ABORTED) {
        events.info(spec.name() + ": finishing the abort of r" + (state.canary() == null ? "?" : state.canary().number()));
        return converge(state, clock.instant().plus(timeout));
      }
      if (!state.inProgress()) {
        throw DrydockException.usage("Tried to abort the rollout of " + spec.name() + " but failed because: no rollout is in progress (phase "
            + state.phase() + ")");
      }
      return abortNow(state, "aborted by 'drydock rollout abort'", clock.instant().plus(timeout));
    }
  }

  /**
   * Goes back to the previous revision: one flip of the weights while it is still runnable (within the
   * scale-down delay), else a new rollout of its digest through the strategy.
   */
  public RolloutState undo(Duration timeout, boolean waitThroughPauses) throws InterruptedException {
    try (StateStore.Lock lock = lock("undo the last rollout of")) {
      Instant deadline = clock.instant().plus(timeout);
      RolloutState state = loadOrRebuild();
      if (state.inProgress()) {
        throw new DrydockException(ErrorKind.CONFLICT, "Tried to undo the last rollout of " + spec.name()
            + " but failed because: the rollout of r" + state.canary().number() + " is in progress; abort it instead");
      }
      if (state.stable() == null) {
        throw DrydockException.usage("Tried to undo the last rollout of " + spec.name() + " but failed because: it is not deployed");
      }
      if (state.previous() != null) {
        Revision back = state.previous();
        Revision current = state.stable();
        events.emit(new RolloutEvent.RolloutUndone(spec.name(), back.number(), current.number(), spec.strategy().scaleDownDelay()));
        state = state.withRevisions(back, null, current, clock.instant().plus(spec.strategy().scaleDownDelay()))
            .with(Phase.HEALTHY).withMessage("undo of r" + current.number());
        state = state.record(back, clock.instant(), "undo", "back from r" + current.number());
        store.save(state);
        return converge(state, deadline);
      }
      HistoryEntry before = null;
      for (HistoryEntry h : state.history()) {
        if (h.revision() != state.stable().number() && (h.outcome().equals("promoted") || h.outcome().equals("deployed")
            || h.outcome().equals("undo"))) {
          before = h;
        }
      }
      if (before == null) {
        throw DrydockException.usage("Tried to undo the last rollout of " + spec.name() + " but failed because: there is no earlier revision in its history");
      }
      ImageRef image = ImageRef.parse(before.image());
      events.info(spec.name() + ": r" + before.revision() + " is no longer runnable; rolling out its digest again");
      return finish(begin(state, image, Digest.parse(before.digest()), deadline, waitThroughPauses), deadline, waitThroughPauses);
    }
  }

  /** The saved state; touches nothing. */
  public RolloutState status() {
    return store.load(spec.name());
  }

  /** The router's view of the service's servers, for {@code status}. */
  public List<ServerStats> servers() {
    return router.stats(spec.router().backend()).stream()
        .filter(s -> s.server().startsWith(spec.name() + "-r")).toList();
  }

  public List<HistoryEntry> history() {
    return store.load(spec.name()).history();
  }

  // ---------------------------------------------------------------- driving

  private StateStore.Lock lock(String what) {
    return store.tryLock().orElseThrow(() -> new DrydockException(ErrorKind.CONFLICT, "Tried to " + what + " " + spec.name()
        + " but failed because: another drydock (pid " + store.holder() + ") is rolling it out (lock " + store.dir().resolve("lock") + ")"));
  }

  private RolloutState begin(RolloutState state, ImageRef image, Digest digest, Instant deadline, boolean wait)
      throws InterruptedException {
    Revision next = new Revision(state.nextRevision(), image, digest);
    if (state.previous() != null) {
      events.info(spec.name() + ": retiring r" + state.previous().number() + " (a new rollout replaces undo)");
    }
    state = state.startRollout(next).record(next, clock.instant(), "started", null);
    store.save(state);
    events.emit(new RolloutEvent.RolloutStarted(spec.name(), next.number(), next.image().toString(), next.digest(),
        spec.strategy() instanceof RolloutStrategy.BlueGreen ? "blueGreen" : "canary"));
    return drive(state, deadline, wait);
  }

  /** With --wait, a completed rollout also waits out the scale-down delay and retires the old side. */
  private RolloutState finish(RolloutState state, Instant deadline, boolean wait) throws InterruptedException {
    if (!wait || state.phase() != Phase.HEALTHY || state.previousScaleDownAt() == null) {
      return state;
    }
    Instant until = state.previousScaleDownAt();
    while (clock.instant().isBefore(until) && clock.instant().isBefore(deadline)) {
      sleeper.sleep(min(POLL, Duration.between(clock.instant(), until)));
    }
    return converge(scaleDownIfDue(state), deadline);
  }

  private RolloutState drive(RolloutState state, Instant deadline, boolean wait) throws InterruptedException {
    try {
      while (true) {
        if (state.inProgress() && store.takeRequest(EnumSet.of(Request.ABORT)).isPresent()) {
          throw new AbortRequested();
        }
        switch (state.phase()) {
          case NEW, HEALTHY, ABORTED:
            return state;
          case PAUSED: {
            boolean promoted = store.takeRequest(EnumSet.of(Request.PROMOTE)).isPresent();
            Instant until = state.pauseUntil();
            if (promoted || (until != null && !clock.instant().isBefore(until))) {
              state = advance(state);
              continue;
            }
            if ((until == null && !wait) || !clock.instant().isBefore(deadline)) {
              events.emit(new RolloutEvent.RolloutPaused(spec.name(), state.canary().number(), state.stepIndex() + 1,
                  String.valueOf(state.message())));
              return state;
            }
            sleeper.sleep(until == null ? POLL : min(POLL, Duration.between(clock.instant(), until)));
            continue;
          }
          default:
            break;
        }
        if (!clock.instant().isBefore(deadline)) {
          throw new DrydockException(ErrorKind.ROLLOUT_FAILED, "the rollout did not finish within its timeout");
        }
        List<Stage> stages = stages();
        if (state.stepIndex() >= stages.size()) {
          state = complete(state, deadline);
          continue;
        }
        Stage stage = stages.get(state.stepIndex());
        events.emit(new RolloutEvent.RolloutStepped(spec.name(), state.canary().number(), state.stepIndex() + 1, stages.size(),
            stage.toString(), stage instanceof Weight w ? w.percent() : state.canaryWeight()));
        if (stage instanceof Weight w) {
          state = state.withStep(state.stepIndex(), w.percent());
          store.save(state);
          state = converge(state, deadline);
          state = state.withStep(state.stepIndex() + 1, w.percent());
          store.save(state);
        } else if (stage instanceof Wait w) {
          if (w.duration() == null) {
            state = state.withPause(Phase.PAUSED, null, "waiting for 'drydock rollout promote' at step " + (state.stepIndex() + 1)
                + " (" + state.canaryWeight() + "% on r" + state.canary().number() + ")");
          } else {
            state = state.withPause(Phase.PAUSED, clock.instant().plus(w.duration()), "pausing " + w.duration().toSeconds() + "s");
          }
          store.save(state);
        } else if (stage instanceof Analyze a) {
          AnalysisOutcome outcome = analyze(state, a);
          events.emit(new RolloutEvent.AnalysisCompleted(spec.name(), state.canary().number(), a.label(), outcome.phase().name(),
              outcome.summary()));
          switch (AnalysisAssessor.decide(outcome.phase())) {
            case CONTINUE -> {
              state = state.withStep(state.stepIndex() + 1, state.canaryWeight());
              store.save(state);
            }
            case PAUSE -> {
              state = state.withPause(Phase.PAUSED, null, "analysis " + a.label() + " inconclusive (" + outcome.summary()
                  + "); 'drydock rollout promote' continues, 'abort' rolls back");
              store.save(state);
            }
            default -> throw new DrydockException(ErrorKind.ROLLOUT_FAILED, "analysis " + a.label() + " ended "
                + outcome.phase() + ": " + outcome.summary());
          }
        }
      }
    } catch (AbortRequested e) {
      RolloutState aborted = abortNow(store.load(spec.name()), "aborted by 'drydock rollout abort'", deadline.plusSeconds(60));
      throw new DrydockException(ErrorKind.ROLLOUT_FAILED, "Tried to roll out " + describe(aborted.canary())
          + " but failed because: it was aborted on request; traffic is on r" + aborted.stable().number());
    } catch (DrydockException e) {
      if (e.kind() != ErrorKind.ROLLOUT_FAILED) {
        throw e;
      }
      RolloutState current = store.load(spec.name());
      if (!current.inProgress()) {
        throw e;
      }
      RolloutState aborted = abortNow(current, e.getMessage(), clock.instant().plus(spec.progressDeadline()));
      throw new DrydockException(ErrorKind.ROLLOUT_FAILED, "Tried to roll out " + describe(aborted.canary()) + " but failed because: "
          + e.getMessage() + "; aborted, traffic is on r" + aborted.stable().number(), e);
    }
  }

  private RolloutState advance(RolloutState state) {
    RolloutState s = state.withPause(Phase.PROGRESSING, null, null).withStep(state.stepIndex() + 1, state.canaryWeight());
    store.save(s);
    events.emit(new RolloutEvent.RolloutAdvanced(spec.name(), state.canary().number(), state.stepIndex() + 1));
    return s;
  }

  private RolloutState complete(RolloutState state, Instant deadline) throws InterruptedException {
    Revision old = state.stable();
    Revision now = state.canary();
    Duration delay = spec.strategy().scaleDownDelay();
    RolloutState s = state.withRevisions(now, null, delay.isZero() ? null : old, delay.isZero() ? null : clock.instant().plus(delay))
        .withPause(Phase.HEALTHY, null, null).withStep(0, 0);
    s = s.record(now, clock.instant(), "promoted", "replaced r" + old.number());
    store.save(s);
    events.emit(new RolloutEvent.RolloutPromoted(spec.name(), now.number(), old.number(), delay.isZero() ? null : delay));
    return converge(s, deadline);
  }

  /** Traffic back on stable at once (weights first), then the new side is drained and removed. */
  private RolloutState abortNow(RolloutState state, String reason, Instant deadline) throws InterruptedException {
    RolloutState s = state.withPause(Phase.ABORTED, null, reason);
    if (state.canary() != null) {
      s = s.record(state.canary(), clock.instant(), "aborted", reason);
    }
    store.save(s);
    events.warn(spec.name() + ": aborting r" + (state.canary() == null ? "?" : state.canary().number()) + ": " + reason);
    RolloutState after = converge(s, deadline.isAfter(clock.instant()) ? deadline : clock.instant().plus(spec.progressDeadline()));
    if (state.canary() != null && after.stable() != null) {
      events.emit(new RolloutEvent.RolloutAborted(spec.name(), state.canary().number(), reason, after.stable().number()));
    }
    return after;
  }

  private RolloutState scaleDownIfDue(RolloutState state) {
    if (state.previous() != null && state.previousScaleDownAt() != null && !clock.instant().isBefore(state.previousScaleDownAt())) {
      events.info(spec.name() + ": scale-down delay of r" + state.previous().number() + " is over; removing it");
      RolloutState s = state.withRevisions(state.stable(), state.canary(), null, null);
      store.save(s);
      return s;
    }
    return state;
  }

  // ---------------------------------------------------------------- targets and stages

  private int newSideReplicas(RolloutState state) {
    if (spec.strategy() instanceof RolloutStrategy.BlueGreen bg && bg.previewReplicas() > 0 && state.canaryWeight() < 100) {
      return Math.min(bg.previewReplicas(), spec.replicas());
    }
    return spec.replicas();
  }

  List<SideTarget> targets(RolloutState state) {
    List<SideTarget> out = new ArrayList<>();
    boolean smoke = !state.smokePassed() && !spec.smokeTests().isEmpty();
    switch (state.phase()) {
      case NEW -> { }
      case HEALTHY, ABORTED -> {
        out.add(new SideTarget(state.stable(), "stable", spec.replicas(), 100, smoke && state.phase() == Phase.HEALTHY));
        if (state.previous() != null && state.phase() == Phase.HEALTHY) {
          out.add(new SideTarget(state.previous(), "stable", spec.replicas(), 0, false));
        }
      }
      default -> {
        int w = state.canaryWeight();
        out.add(new SideTarget(state.stable(), "stable", spec.replicas(), 100 - w, false));
        String role = spec.strategy() instanceof RolloutStrategy.BlueGreen ? "preview" : "canary";
        out.add(new SideTarget(state.canary(), role, newSideReplicas(state), w, smoke));
      }
    }
    return out;
  }

  private sealed interface Stage permits Weight, Wait, Analyze {}

  private record Weight(int percent) implements Stage {
    @Override
    public String toString() {
      return percent + "% of new requests";
    }
  }

  private record Wait(@Nullable Duration duration) implements Stage {
    @Override
    public String toString() {
      return duration == null ? "pause until promoted" : "pause " + duration.toSeconds() + "s";
    }
  }

  private record Analyze(List<String> templates, String label) implements Stage {
    @Override
    public String toString() {
      return "analysis " + label;
    }
  }

  /** The strategy as one list of stages: the new side always starts at 0 % (preview, smoke), ends at 100 %. */
  private List<Stage> stages() {
    List<Stage> out = new ArrayList<>();
    out.add(new Weight(0));
    if (spec.strategy() instanceof RolloutStrategy.BlueGreen bg) {
      if (!bg.prePromotionAnalysis().isEmpty()) {
        out.add(new Analyze(bg.prePromotionAnalysis(), "pre-promotion " + bg.prePromotionAnalysis()));
      }
      if (!bg.autoPromotion()) {
        out.add(new Wait(null));
      } else if (!bg.autoPromotionDelay().isZero()) {
        out.add(new Wait(bg.autoPromotionDelay()));
      }
      out.add(new Weight(100));
      if (!bg.postPromotionAnalysis().isEmpty()) {
        out.add(new Analyze(bg.postPromotionAnalysis(), "post-promotion " + bg.postPromotionAnalysis()));
      }
    } else if (spec.strategy() instanceof RolloutStrategy.Canary c) {
      for (RolloutStrategy.Step step : c.steps()) {
        if (step instanceof RolloutStrategy.SetWeight w) {
          out.add(new Weight(w.weight()));
        } else if (step instanceof RolloutStrategy.Pause p) {
          out.add(new Wait(p.duration()));
        } else if (step instanceof RolloutStrategy.Analysis a) {
          out.add(new Analyze(a.templates(), a.templates().toString()));
        }
      }
      out.add(new Weight(100));
    }
    return out;
  }

  // ---------------------------------------------------------------- convergence

  private RolloutState converge(RolloutState state, Instant deadline) throws InterruptedException {
    List<SideTarget> targets = targets(state);
    List<Action> plan = List.of();
    for (int round = 0; round < 4; round++) {
      plan = Planner.plan(spec, targets, observe());
      if (plan.isEmpty()) {
        return state;
      }
      for (Action a : plan) {
        state = execute(a, state, deadline);
      }
      targets = targets(state);
    }
    plan = Planner.plan(spec, targets, observe());
    if (plan.isEmpty()) {
      return state;
    }
    if (plan.stream().allMatch(RolloutController::isRetirement)) {
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
    checkAbort(state);
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
      Duration left = min(spec.progressDeadline(), positive(Duration.between(clock.instant(), deadline)));
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

  private void checkAbort(RolloutState state) {
    if (state.inProgress() && store.takeRequest(EnumSet.of(Request.ABORT)).isPresent()) {
      throw new AbortRequested();
    }
  }

  private void awaitHealthy(String container, String address, RolloutState state, Instant deadline) throws InterruptedException {
    Instant until = min(clock.instant().plus(spec.progressDeadline()), deadline);
    int passes = 0;
    while (true) {
      checkAbort(state);
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
        Measurement result = measureOnce(m, address);
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

  // ---------------------------------------------------------------- analysis

  private record AnalysisOutcome(AnalysisPhase phase, String summary) {}

  private AnalysisOutcome analyze(RolloutState state, Analyze a) throws InterruptedException {
    List<Metric> metrics = spec.metricsOf(a.templates());
    Map<String, MetricResult> results = new LinkedHashMap<>();
    for (Metric m : metrics) {
      results.put(m.name(), MetricResult.empty(m.name()));
    }
    Instant started = clock.instant();
    events.info(spec.name() + ": analysis " + a.label() + " of r" + state.canary().number() + " started");
    while (true) {
      AnalysisPhase phase = AnalysisAssessor.assessRun(metrics, results, false);
      if (phase.completed()) {
        return new AnalysisOutcome(phase, summary(metrics, results));
      }
      Instant earliest = null;
      for (Metric m : metrics) {
        Instant next = AnalysisAssessor.nextMeasurementAt(m, results.get(m.name()), started);
        if (next == null) {
          continue;
        }
        if (!next.isAfter(clock.instant())) {
          Measurement measured = measure(m, state);
          results.put(m.name(), results.get(m.name()).add(measured));
          events.info(spec.name() + ": metric " + m.name() + " = " + (measured.value() == null ? measured.message() : measured.value())
              + " -> " + measured.phase());
          next = AnalysisAssessor.nextMeasurementAt(m, results.get(m.name()), started);
        }
        if (next != null && (earliest == null || next.isBefore(earliest))) {
          earliest = next;
        }
      }
      if (earliest != null && earliest.isAfter(clock.instant())) {
        pauseUntil(earliest, state);
      }
    }
  }

  private static String summary(List<Metric> metrics, Map<String, MetricResult> results) {
    List<String> parts = new ArrayList<>();
    for (Metric m : metrics) {
      MetricResult r = results.get(m.name());
      AnalysisPhase p = AnalysisAssessor.assessMetric(m, r, false);
      Measurement last = r.last();
      String detail = switch (p) {
        case FAILED -> r.failed() + " failed > failureLimit " + m.failureLimit();
        case INCONCLUSIVE -> r.inconclusive() + " inconclusive > inconclusiveLimit " + m.inconclusiveLimit();
        case ERROR -> r.consecutiveErrors() + " consecutive errors > consecutiveErrorLimit " + m.consecutiveErrorLimit();
        default -> r.count() + " measured";
      };
      parts.add(m.name() + " " + p + " (" + detail + (last == null ? "" : "; last " + (last.value() == null ? last.message()
          : last.value())) + ")");
    }
    return String.join(", ", parts);
  }

  private Measurement measure(Metric m, RolloutState state) throws InterruptedException {
    if (m.provider() instanceof MetricProvider.Haproxy h) {
      return measureHaproxy(m, h, state);
    }
    List<String> addresses = addresses(state.canary());
    if (addresses.isEmpty()) {
      return new Measurement(AnalysisPhase.ERROR, null, "r" + state.canary().number() + " has no running container", clock.instant());
    }
    return measureOnce(m, addresses.get(0));
  }

  private Measurement measureOnce(Metric m, String address) throws InterruptedException {
    try {
      Object value = probes.measure(m.provider(), address);
      return new Measurement(AnalysisAssessor.evaluate(m, value), String.valueOf(value), "", clock.instant());
    } catch (Probes.MeasurementException e) {
      return new Measurement(e.failed() ? AnalysisPhase.FAILED : AnalysisPhase.ERROR, null, e.getMessage(), clock.instant());
    }
  }

  private Measurement measureHaproxy(Metric m, MetricProvider.Haproxy h, RolloutState state) throws InterruptedException {
    String prefix = spec.name() + "-r" + state.canary().number() + "-";
    Map<String, ServerStats> before = new HashMap<>();
    try {
      for (ServerStats s : router.stats(spec.router().backend())) {
        if (s.server().startsWith(prefix)) {
          before.put(s.server(), s);
        }
      }
      pauseUntil(clock.instant().plus(h.window()), state);
      long requests = 0;
      long errors = 0;
      long worstRtime = -1;
      for (ServerStats s : router.stats(spec.router().backend())) {
        ServerStats b = before.get(s.server());
        if (b == null) {
          continue;
        }
        long dr = s.requests() - b.requests();
        requests += dr;
        errors += s.errors() - b.errors();
        if (dr > 0) {
          worstRtime = Math.max(worstRtime, s.avgResponseMillis());
        }
      }
      if (h.stat() == MetricProvider.HaproxyStat.REQUESTS) {
        return measured(m, (double) requests);
      }
      if (requests <= 0) {
        return new Measurement(AnalysisPhase.INCONCLUSIVE, null, "no request reached r" + state.canary().number() + " in " + h.window(),
            clock.instant());
      }
      return measured(m, h.stat() == MetricProvider.HaproxyStat.ERROR_RATE ? (double) errors / requests : (double) worstRtime);
    } catch (DrydockException e) {
      if (e.kind() == ErrorKind.UNREACHABLE) {
        return new Measurement(AnalysisPhase.ERROR, null, e.getMessage(), clock.instant());
      }
      throw e;
    }
  }

  private Measurement measured(Metric m, double value) {
    return new Measurement(AnalysisAssessor.evaluate(m, value), String.valueOf(value), "", clock.instant());
  }

  private List<String> addresses(Revision r) {
    List<String> out = new ArrayList<>();
    for (ContainerInfo c : engine.list(Map.of(Labels.SERVICE, spec.name(), Labels.REVISION, Integer.toString(r.number())))) {
      if (c.running() && c.labels().get(Labels.PORT) != null) {
        out.add("127.0.0.1:" + c.labels().get(Labels.PORT));
      }
    }
    return out;
  }

  /** Sleeps until {@code until}, checking for an abort request every 100 ms. */
  private void pauseUntil(Instant until, RolloutState state) throws InterruptedException {
    while (clock.instant().isBefore(until)) {
      checkAbort(state);
      sleeper.sleep(min(POLL, Duration.between(clock.instant(), until)));
    }
  }

  // ---------------------------------------------------------------- rebuild

  /** The saved state; when there is none but labelled containers exist, a state rebuilt from their labels. */
  private RolloutState loadOrRebuild() {
    RolloutState state = store.load(spec.name());
    if (state.phase() != Phase.NEW) {
      return state;
    }
    List<ContainerInfo> containers = engine.list(Map.of(Labels.SERVICE, spec.name()));
    if (containers.isEmpty()) {
      return state;
    }
    Map<Integer, Revision> revisions = new HashMap<>();
    for (ContainerInfo c : containers) {
      try {
        int n = Integer.parseInt(c.labels().get(Labels.REVISION));
        revisions.put(n, new Revision(n, ImageRef.parse(c.labels().get(Labels.IMAGE)), Digest.parse(c.labels().get(Labels.IMAGE_DIGEST))));
      } catch (RuntimeException e) {
        events.warn(spec.name() + ": skipped container " + c.name() + " with unreadable drydock labels");
      }
    }
    if (revisions.isEmpty()) {
      return state;
    }
    Map<Integer, Integer> weight = new HashMap<>();
    for (ServerStats s : router.stats(spec.router().backend())) {
      for (Integer n : revisions.keySet()) {
        if (s.server().startsWith(spec.name() + "-r" + n + "-")) {
          weight.merge(n, Planner.isUp(s) ? Planner.effectiveWeight(s) : 0, Integer::sum);
        }
      }
    }
    int stable = revisions.keySet().stream().max((x, y) -> weight.getOrDefault(x, 0) != weight.getOrDefault(y, 0)
        ? Integer.compare(weight.getOrDefault(x, 0), weight.getOrDefault(y, 0)) : Integer.compare(x, y)).orElseThrow();
    int next = revisions.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    events.warn(spec.name() + ": no saved state in " + store.dir() + "; rebuilt it from container labels: r" + stable
        + " is stable" + (revisions.size() > 1 ? ", other revisions " + revisions.keySet() + " will be removed" : ""));
    RolloutState rebuilt = new RolloutState(RolloutState.SCHEMA, spec.name(), RolloutState.Revisions.of(revisions.get(stable)),
        RolloutState.Progress.at(Phase.HEALTHY, true, "rebuilt from container labels"), next, List.of());
    store.save(rebuilt);
    return rebuilt;
  }

  // ---------------------------------------------------------------- helpers

  private static String describe(@Nullable Revision r) {
    return r == null ? "?" : "r" + r.number() + " (" + r.image() + ")";
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Unwinds the driving loop when a {@code drydock rollout abort} request arrives. */
  private static final class AbortRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AbortRequested() {
      super("abort requested", null, false, false);
    }
  }
}
