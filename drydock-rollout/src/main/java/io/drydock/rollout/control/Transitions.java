package io.drydock.rollout.control;

import io.drydock.model.event.EventSink;
import io.drydock.model.event.RolloutEvent;
import io.drydock.rollout.control.RolloutState.Phase;
import io.drydock.rollout.plan.Revision;
import io.drydock.rollout.spec.ServiceSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The moves between phases that end or continue a rollout (promoted past a pause, completed, aborted, old side
 * retired): each saves the new state, emits its event and, where traffic changes, converges on it.
 */
final class Transitions {
  private final ServiceSpec spec;
  private final StateStore store;
  private final Clock clock;
  private final EventSink events;
  private final ActionExecutor executor;

  Transitions(Context ctx, ActionExecutor executor) {
    this.spec = ctx.spec();
    this.store = ctx.store();
    this.clock = ctx.clock();
    this.events = ctx.events();
    this.executor = executor;
  }

  RolloutState advance(RolloutState state) {
    RolloutState s = state.withPause(Phase.PROGRESSING, null, null).withStep(state.stepIndex() + 1, state.canaryWeight());
    store.save(s);
    events.emit(new RolloutEvent.RolloutAdvanced(spec.name(), state.canary().number(), state.stepIndex() + 1));
    return s;
  }

  RolloutState complete(RolloutState state, Instant deadline) throws InterruptedException {
    Revision old = state.stable();
    Revision now = state.canary();
    Duration delay = spec.strategy().scaleDownDelay();
    RolloutState s = state.withRevisions(now, null, delay.isZero() ? null : old, delay.isZero() ? null : clock.instant().plus(delay))
        .withPause(Phase.HEALTHY, null, null).withStep(0, 0);
    s = s.record(now, clock.instant(), "promoted", "replaced r" + old.number());
    store.save(s);
    events.emit(new RolloutEvent.RolloutPromoted(spec.name(), now.number(), old.number(), delay.isZero() ? null : delay));
    return executor.converge(s, deadline);
  }

  /** Traffic back on stable at once (weights first), then the new side is drained and removed. */
  RolloutState abortNow(RolloutState state, String reason, Instant deadline) throws InterruptedException {
    RolloutState s = state.withPause(Phase.ABORTED, null, reason);
    if (state.canary() != null) {
      s = s.record(state.canary(), clock.instant(), "aborted", reason);
    }
    store.save(s);
    events.warn(spec.name() + ": aborting r" + (state.canary() == null ? "?" : state.canary().number()) + ": " + reason);
    RolloutState after = executor.converge(s, deadline.isAfter(clock.instant()) ? deadline : clock.instant().plus(spec.progressDeadline()));
    if (state.canary() != null && after.stable() != null) {
      events.emit(new RolloutEvent.RolloutAborted(spec.name(), state.canary().number(), reason, after.stable().number()));
    }
    return after;
  }

  RolloutState scaleDownIfDue(RolloutState state) {
    if (state.previous() != null && state.previousScaleDownAt() != null && !clock.instant().isBefore(state.previousScaleDownAt())) {
      events.info(spec.name() + ": scale-down delay of r" + state.previous().number() + " is over; removing it");
      RolloutState s = state.withRevisions(state.stable(), state.canary(), null, null);
      store.save(s);
      return s;
    }
    return state;
  }
}
