package io.drydock.rollout.control;

import io.drydock.rollout.plan.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the controller persists between steps (as JSON in the state directory), so that a drydock killed
 * mid-rollout resumes where it stopped.
 *
 * @param stable the revision users are served by when nothing is in progress
 * @param canary the revision being rolled out (kept after an abort, for status)
 * @param previous the former stable revision, kept runnable out of rotation until {@code previousScaleDownAt}
 * @param stepIndex index into the expanded step list of the strategy
 * @param canaryWeight percent of new requests the canary side gets now
 * @param pauseUntil end of a timed pause; null with phase PAUSED means "until promoted"
 */
public record RolloutState(
    int schema,
    String service,
    @Nullable Revision stable,
    @Nullable Revision canary,
    @Nullable Revision previous,
    @Nullable Instant previousScaleDownAt,
    Phase phase,
    int stepIndex,
    int canaryWeight,
    boolean smokePassed,
    @Nullable Instant pauseUntil,
    @Nullable String message,
    int nextRevision,
    List<HistoryEntry> history) {

  public static final int SCHEMA = 1;
  static final int HISTORY_LIMIT = 50;

  /** Argo-like rollout phases. */
  public enum Phase {
    /** Nothing deployed yet. */
    NEW,
    /** The stable revision serves all traffic; nothing in progress. */
    HEALTHY,
    /** A rollout is moving through its steps. */
    PROGRESSING,
    /** A rollout waits: for {@code pauseUntil}, or for {@code drydock rollout promote}. */
    PAUSED,
    /** The last rollout was aborted; traffic is on the stable revision. */
    ABORTED
  }

  /** One line of {@code drydock rollout history}. */
  public record HistoryEntry(int revision, String image, String digest, Instant at, String outcome, @Nullable String message) {}

  public RolloutState {
    history = List.copyOf(history);
  }

  public static RolloutState initial(String service) {
    return new RolloutState(SCHEMA, service, null, null, null, null, Phase.NEW, 0, 0, false, null, null, 1, List.of());
  }

  public boolean inProgress() {
    return phase == Phase.PROGRESSING || phase == Phase.PAUSED;
  }

  RolloutState with(Phase p) {
    return new RolloutState(schema, service, stable, canary, previous, previousScaleDownAt, p, stepIndex, canaryWeight,
        smokePassed, pauseUntil, message, nextRevision, history);
  }

  RolloutState withStep(int index, int weight) {
    return new RolloutState(schema, service, stable, canary, previous, previousScaleDownAt, phase, index, weight,
        smokePassed, pauseUntil, message, nextRevision, history);
  }

  RolloutState withPause(Phase p, @Nullable Instant until, @Nullable String why) {
    return new RolloutState(schema, service, stable, canary, previous, previousScaleDownAt, p, stepIndex, canaryWeight,
        smokePassed, until, why, nextRevision, history);
  }

  RolloutState withSmokePassed() {
    return new RolloutState(schema, service, stable, canary, previous, previousScaleDownAt, phase, stepIndex, canaryWeight,
        true, pauseUntil, message, nextRevision, history);
  }

  RolloutState withMessage(@Nullable String m) {
    return new RolloutState(schema, service, stable, canary, previous, previousScaleDownAt, phase, stepIndex, canaryWeight,
        smokePassed, pauseUntil, m, nextRevision, history);
  }

  RolloutState withRevisions(@Nullable Revision newStable, @Nullable Revision newCanary, @Nullable Revision newPrevious,
      @Nullable Instant scaleDownAt) {
    return new RolloutState(schema, service, newStable, newCanary, newPrevious, scaleDownAt, phase, stepIndex,
        canaryWeight, smokePassed, pauseUntil, message, nextRevision, history);
  }

  RolloutState startRollout(Revision next) {
    return new RolloutState(schema, service, stable, next, null, null, Phase.PROGRESSING, 0, 0, false, null, null,
        next.number() + 1, history);
  }

  RolloutState record(Revision r, Instant at, String outcome, @Nullable String msg) {
    List<HistoryEntry> h = new ArrayList<>(history);
    h.add(new HistoryEntry(r.number(), r.image().toString(), r.digest().toString(), at, outcome, msg));
    while (h.size() > HISTORY_LIMIT) {
      h.remove(0);
    }
    return new RolloutState(schema, service, stable, canary, previous, previousScaleDownAt, phase, stepIndex,
        canaryWeight, smokePassed, pauseUntil, message, nextRevision, h);
  }
}
