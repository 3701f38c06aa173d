package io.drydock.rollout.control;

import io.drydock.model.event.EventSink;
import io.drydock.rollout.control.StateStore.Request;
import io.drydock.rollout.spec.ServiceSpec;
import io.drydock.rollout.spi.ContainerEngine;
import io.drydock.rollout.spi.TrafficRouter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

/** What the controller's parts share for one service: its spec, the outside systems, the clock and the event sink. */
record Context(ServiceSpec spec, ContainerEngine engine, TrafficRouter router, StateStore store, Probes probes, Clock clock,
    Sleeper sleeper, EventSink events) {

  /** Unwinds with {@link AbortRequested} when a {@code drydock rollout abort} request is waiting. */
  void checkAbort(RolloutState state) {
    if (state.inProgress() && store.takeRequest(EnumSet.of(Request.ABORT)).isPresent()) {
      throw new AbortRequested();
    }
  }

  /** Sleeps until {@code until}, checking for an abort request every 100 ms. */
  void pauseUntil(Instant until, RolloutState state) throws InterruptedException {
    while (clock.instant().isBefore(until)) {
      checkAbort(state);
      sleeper.sleep(Times.min(RolloutController.POLL, Duration.between(clock.instant(), until)));
    }
  }
}
