package io.drydock.rollout.control;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.model.event.EventSink;
import io.drydock.model.event.RolloutEvent;
import io.drydock.rollout.analysis.AnalysisAssessor;
import io.drydock.rollout.control.RolloutState.HistoryEntry;
import io.drydock.rollout.control.RolloutState.Phase;
import io.drydock.rollout.control.StateStore.Request;
import io.drydock.rollout.plan.Planner;
import io.drydock.rollout.plan.Revision;
import io.drydock.rollout.plan.Stage;
import io.drydock.rollout.spec.RolloutStrategy;
import io.drydock.rollout.spec.ServiceSpec;
import io.drydock.rollout.spi.ContainerEngine;
import io.drydock.rollout.spi.ServerStats;
import io.drydock.rollout.spi.TrafficRouter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
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
  private final AnalysisRun analysis;
  private final ActionExecutor executor;
  private final StateRebuilder rebuilder;
  private final Transitions transitions;

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
    Context ctx = new Context(spec, engine, router, store, probes, clock, sleeper, events);
    this.analysis = new AnalysisRun(ctx);
    this.executor = new ActionExecutor(ctx, analysis);
    this.rebuilder = new StateRebuilder(ctx);
    this.transitions = new Transitions(ctx, executor);
  }

  // ---------------------------------------------------------------- public commands

  /** First deploy (or repair: recreate what is missing, retire what is due). Returns the state after it. */
  public RolloutState up(Duration timeout) throws InterruptedException {
    try (StateStore.Lock lock = lock("deploy")) {
      RolloutState state = rebuilder.loadOrRebuild();
      if (state.phase() == Phase.NEW) {
        Digest digest = engine.pull(spec.image(), timeout);
        Revision r = new Revision(state.nextRevision(), spec.image(), digest);
        events.emit(new RolloutEvent.DeployStarted(spec.name(), r.number(), r.image().toString(), r.digest()));
        state = new RolloutState(RolloutState.SCHEMA, spec.name(), RolloutState.Revisions.of(r),
            RolloutState.Progress.at(Phase.HEALTHY, false, null), r.number() + 1, state.history());
        state = state.record(r, clock.instant(), "deployed", null);
        store.save(state);
        try {
          state = executor.converge(state, clock.instant().plus(timeout));
        } catch (DrydockException e) {
          if (e.kind() != ErrorKind.ROLLOUT_FAILED) {
            throw e;
          }
          RolloutState failed = RolloutState.initial(spec.name()).record(r, clock.instant(), "failed", e.getMessage());
          failed = failed.with(RolloutState.Progress.at(Phase.NEW, false, e.getMessage())).withNextRevision(r.number() + 1);
          store.save(failed);
          executor.converge(failed, clock.instant().plus(timeout));
          throw e;
        }
        return state;
      }
      if (state.inProgress()) {
        events.info(spec.name() + ": a rollout of r" + state.canary().number() + " is in progress; resuming it");
        return drive(state, clock.instant().plus(timeout), false);
      }
      state = transitions.scaleDownIfDue(state);
      state = executor.converge(state, clock.instant().plus(timeout));
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
      RolloutState state = rebuilder.loadOrRebuild();
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
        state = transitions.advance(state);
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
        return executor.converge(state, clock.instant().plus(timeout));
      }
      if (!state.inProgress()) {
        throw DrydockException.usage("Tried to abort the rollout of " + spec.name() + " but failed because: no rollout is in progress (phase "
            + state.phase() + ")");
      }
      return transitions.abortNow(state, "aborted by 'drydock rollout abort'", clock.instant().plus(timeout));
    }
  }

  /**
   * Goes back to the previous revision: one flip of the weights while it is still runnable (within the
   * scale-down delay), else a new rollout of its digest through the strategy.
   */
  public RolloutState undo(Duration timeout, boolean waitThroughPauses) throws InterruptedException {
    try (StateStore.Lock lock = lock("undo the last rollout of")) {
      Instant deadline = clock.instant().plus(timeout);
      RolloutState state = rebuilder.loadOrRebuild();
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
        return executor.converge(state, deadline);
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
      sleeper.sleep(Times.min(POLL, Duration.between(clock.instant(), until)));
    }
    return executor.converge(transitions.scaleDownIfDue(state), deadline);
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
              state = transitions.advance(state);
              continue;
            }
            if ((until == null && !wait) || !clock.instant().isBefore(deadline)) {
              events.emit(new RolloutEvent.RolloutPaused(spec.name(), state.canary().number(), state.stepIndex() + 1,
                  String.valueOf(state.message())));
              return state;
            }
            sleeper.sleep(until == null ? POLL : Times.min(POLL, Duration.between(clock.instant(), until)));
            continue;
          }
          default:
            break;
        }
        if (!clock.instant().isBefore(deadline)) {
          throw new DrydockException(ErrorKind.ROLLOUT_FAILED, "the rollout did not finish within its timeout");
        }
        List<Stage> stages = Stage.of(spec.strategy());
        if (state.stepIndex() >= stages.size()) {
          state = transitions.complete(state, deadline);
          continue;
        }
        Stage stage = stages.get(state.stepIndex());
        events.emit(new RolloutEvent.RolloutStepped(spec.name(), state.canary().number(), state.stepIndex() + 1, stages.size(),
            stage.toString(), stage instanceof Stage.Weight w ? w.percent() : state.canaryWeight()));
        if (stage instanceof Stage.Weight w) {
          state = state.withStep(state.stepIndex(), w.percent());
          store.save(state);
          state = executor.converge(state, deadline);
          state = state.withStep(state.stepIndex() + 1, w.percent());
          store.save(state);
        } else if (stage instanceof Stage.Wait w) {
          if (w.duration() == null) {
            state = state.withPause(Phase.PAUSED, null, "waiting for 'drydock rollout promote' at step " + (state.stepIndex() + 1)
                + " (" + state.canaryWeight() + "% on r" + state.canary().number() + ")");
          } else {
            state = state.withPause(Phase.PAUSED, clock.instant().plus(w.duration()), "pausing " + w.duration().toSeconds() + "s");
          }
          store.save(state);
        } else if (stage instanceof Stage.Analyze a) {
          AnalysisRun.AnalysisOutcome outcome = analysis.analyze(state, a);
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
      RolloutState aborted = transitions.abortNow(store.load(spec.name()), "aborted by 'drydock rollout abort'", deadline.plusSeconds(60));
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
      RolloutState aborted = transitions.abortNow(current, e.getMessage(), clock.instant().plus(spec.progressDeadline()));
      throw new DrydockException(ErrorKind.ROLLOUT_FAILED, "Tried to roll out " + describe(aborted.canary()) + " but failed because: "
          + e.getMessage() + "; aborted, traffic is on r" + aborted.stable().number(), e);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String describe(@Nullable Revision r) {
    return r == null ? "?" : "r" + r.number() + " (" + r.image() + ")";
  }
}
