package io.drydock.rollout.control;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.drydock.rollout.plan.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the controller persists between steps (as JSON in the state directory), so that a drydock killed
 * mid-rollout resumes where it stopped. Two groups: which {@link Revisions} exist, and the {@link Progress} of the
 * rollout in progress; both are written flat ({@code "stable"}, {@code "phase"} … at the top level, as before they
 * were grouped), so state files of either shape read the same.
 */
public record RolloutState(
    int schema,
    String service,
    @JsonUnwrapped Revisions revisions,
    @JsonUnwrapped Progress progress,
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

  /**
   * The service's revisions.
   *
   * @param stable the revision users are served by when nothing is in progress
   * @param canary the revision being rolled out (kept after an abort, for status)
   * @param previous the former stable revision, kept runnable out of rotation until {@code previousScaleDownAt}
   */
  public record Revisions(@Nullable Revision stable, @Nullable Revision canary, @Nullable Revision previous,
      @Nullable Instant previousScaleDownAt) {
    public static final Revisions NONE = new Revisions(null, null, null, null);

    /** Only {@code stable}. */
    public static Revisions of(Revision stable) {
      return new Revisions(stable, null, null, null);
    }
  }

  /**
   * Where the rollout is.
   *
   * @param stepIndex index into the expanded step list of the strategy
   * @param canaryWeight percent of new requests the canary side gets now
   * @param pauseUntil end of a timed pause; null with phase PAUSED means "until promoted"
   */
  public record Progress(Phase phase, int stepIndex, int canaryWeight, boolean smokePassed, @Nullable Instant pauseUntil,
      @Nullable String message) {

    /** Nothing in progress, in {@code phase}, with an optional message. */
    public static Progress at(Phase phase, boolean smokePassed, @Nullable String message) {
      return new Progress(phase, 0, 0, smokePassed, null, message);
    }
  }

  /** One line of {@code drydock rollout history}. */
  public record HistoryEntry(int revision, String image, String digest, Instant at, String outcome, @Nullable String message) {}

  public RolloutState {
    revisions = revisions == null ? Revisions.NONE : revisions;
    history = List.copyOf(history);
  }

  public static RolloutState initial(String service) {
    return new RolloutState(SCHEMA, service, Revisions.NONE, Progress.at(Phase.NEW, false, null), 1, List.of());
  }

  public @Nullable Revision stable() {
    return revisions.stable();
  }

  public @Nullable Revision canary() {
    return revisions.canary();
  }

  public @Nullable Revision previous() {
    return revisions.previous();
  }

  public @Nullable Instant previousScaleDownAt() {
    return revisions.previousScaleDownAt();
  }

  public Phase phase() {
    return progress.phase();
  }

  public int stepIndex() {
    return progress.stepIndex();
  }

  public int canaryWeight() {
    return progress.canaryWeight();
  }

  public boolean smokePassed() {
    return progress.smokePassed();
  }

  public @Nullable Instant pauseUntil() {
    return progress.pauseUntil();
  }

  public @Nullable String message() {
    return progress.message();
  }

  public boolean inProgress() {
    return phase() == Phase.PROGRESSING || phase() == Phase.PAUSED;
  }

  RolloutState with(Revisions r) {
    return new RolloutState(schema, service, r, progress, nextRevision, history);
  }

  RolloutState with(Progress p) {
    return new RolloutState(schema, service, revisions, p, nextRevision, history);
  }

  RolloutState with(Phase p) {
    return with(new Progress(p, stepIndex(), canaryWeight(), smokePassed(), pauseUntil(), message()));
  }

  RolloutState withStep(int index, int weight) {
    return with(new Progress(phase(), index, weight, smokePassed(), pauseUntil(), message()));
  }

  RolloutState withPause(Phase p, @Nullable Instant until, @Nullable String why) {
    return with(new Progress(p, stepIndex(), canaryWeight(), smokePassed(), until, why));
  }

  RolloutState withSmokePassed() {
    return with(new Progress(phase(), stepIndex(), canaryWeight(), true, pauseUntil(), message()));
  }

  RolloutState withMessage(@Nullable String m) {
    return with(new Progress(phase(), stepIndex(), canaryWeight(), smokePassed(), pauseUntil(), m));
  }

  RolloutState withRevisions(@Nullable Revision newStable, @Nullable Revision newCanary, @Nullable Revision newPrevious,
      @Nullable Instant scaleDownAt) {
    return with(new Revisions(newStable, newCanary, newPrevious, scaleDownAt));
  }

  RolloutState startRollout(Revision next) {
    return new RolloutState(schema, service, new Revisions(stable(), next, null, null), Progress.at(Phase.PROGRESSING, false, null),
        next.number() + 1, history);
  }

  /** The same revisions and history, a new revision counter. */
  RolloutState withNextRevision(int next) {
    return new RolloutState(schema, service, revisions, progress, next, history);
  }

  RolloutState record(Revision r, Instant at, String outcome, @Nullable String msg) {
    List<HistoryEntry> h = new ArrayList<>(history);
    h.add(new HistoryEntry(r.number(), r.image().toString(), r.digest().toString(), at, outcome, msg));
    while (h.size() > HISTORY_LIMIT) {
      h.remove(0);
    }
    return new RolloutState(schema, service, revisions, progress, nextRevision, h);
  }
}
