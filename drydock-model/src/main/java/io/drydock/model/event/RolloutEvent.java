package io.drydock.model.event;

import io.drydock.model.Digest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What the rollout stage reports: one record per step of a service's life that the ledger keeps. Each
 * {@link #summary()} is the line the CLI prints for it.
 */
public sealed interface RolloutEvent extends DomainEvent {

  /** The service the event is about. */
  String service();

  /** The revision the event is about (the new one during a rollout). */
  int revision();

  /** A service's first revision is being deployed ({@code drydock up}). */
  record DeployStarted(String service, int revision, String image, Digest digest) implements RolloutEvent {
    @Override
    public String summary() {
      return service + ": deploying r" + revision + " " + image;
    }
  }

  /**
   * A rollout of a new revision began.
   *
   * @param strategy {@code blueGreen} or {@code canary}
   */
  record RolloutStarted(String service, int revision, String image, Digest digest, String strategy) implements RolloutEvent {
    @Override
    public String summary() {
      return service + ": rolling out r" + revision + " " + image + " (" + ("blueGreen".equals(strategy) ? "blue/green" : strategy) + ")";
    }
  }

  /**
   * The rollout reached one of its steps.
   *
   * @param step 1-based
   * @param steps how many steps the strategy has
   * @param stage what the step does ({@code 30% of new requests}, {@code pause 10s}, {@code analysis [health]})
   * @param weight percent of new requests on the new revision when the step begins
   */
  record RolloutStepped(String service, int revision, int step, int steps, String stage, int weight) implements RolloutEvent {
    @Override
    public String summary() {
      return "[" + step + "/" + steps + "] r" + revision + " step " + step + ": " + stage;
    }
  }

  /**
   * An analysis run finished.
   *
   * @param analysis which one ({@code pre-promotion [smoke]}, {@code [health]})
   * @param phase {@code SUCCESSFUL}, {@code FAILED}, {@code INCONCLUSIVE} or {@code ERROR}
   * @param detail per metric: its phase and its last measurement
   */
  record AnalysisCompleted(String service, int revision, String analysis, String phase, String detail) implements RolloutEvent {
    public boolean successful() {
      return "SUCCESSFUL".equals(phase);
    }

    @Override
    public String summary() {
      return service + ": analysis " + analysis + (successful() ? " successful" : " ended " + phase + ": " + detail);
    }
  }

  /** The rollout stopped at a pause (for a promote, a duration or an inconclusive analysis) and the command returned. */
  record RolloutPaused(String service, int revision, int step, String reason) implements RolloutEvent {
    @Override
    public String summary() {
      return service + ": paused: " + reason;
    }
  }

  /** A pause ended (promoted, or its duration passed); the rollout goes on after {@code step} (1-based). */
  record RolloutAdvanced(String service, int revision, int step) implements RolloutEvent {
    @Override
    public String summary() {
      return service + ": promoted past step " + step;
    }
  }

  /**
   * The new revision is stable: all new requests go to it.
   *
   * @param replaced the revision it replaced
   * @param keptFor how long {@code replaced} stays runnable out of rotation; null when removed at once
   */
  record RolloutPromoted(String service, int revision, int replaced, @Nullable Duration keptFor) implements RolloutEvent {
    @Override
    public String summary() {
      return service + ": r" + revision + " is stable" + (keptFor == null ? "" : "; r" + replaced
          + " stays runnable out of rotation for " + keptFor.toSeconds() + "s ('drydock rollout undo' flips back)");
    }
  }

  /**
   * The rollout of {@code revision} was aborted and traffic is back on {@code stable}.
   *
   * @param reason why (the failed check, or the abort request)
   */
  record RolloutAborted(String service, int revision, String reason, int stable) implements RolloutEvent {
    @Override
    public String summary() {
      return service + ": aborted r" + revision + ": " + reason + "; traffic is on r" + stable;
    }
  }

  /**
   * {@code drydock rollout undo} flipped traffic back to {@code revision}, which was still runnable.
   *
   * @param from the revision that was stable before
   * @param keptFor how long {@code from} stays runnable
   */
  record RolloutUndone(String service, int revision, int from, Duration keptFor) implements RolloutEvent {
    @Override
    public String summary() {
      return service + ": undo: traffic back to r" + revision + " (kept runnable), r" + from + " kept for " + keptFor.toSeconds() + "s";
    }
  }
}
