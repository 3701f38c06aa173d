package io.drydock.rollout.spec;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How a new revision reaches users. */
public sealed interface RolloutStrategy permits RolloutStrategy.BlueGreen, RolloutStrategy.Canary {

  /** How long the old side stays runnable (out of rotation) after the new one took all traffic. */
  Duration scaleDownDelay();

  /**
   * The new side comes up beside the old one without user traffic (preview), passes smoke tests and
   * pre-promotion analysis, then takes all traffic at once; post-promotion analysis can still abort back.
   *
   * @param autoPromotion promote without a {@code drydock rollout promote}
   * @param autoPromotionDelay with auto-promotion, wait this long after the preview is ready
   * @param previewReplicas containers before promotion (0 = replicas)
   */
  record BlueGreen(
      boolean autoPromotion,
      Duration autoPromotionDelay,
      List<String> prePromotionAnalysis,
      List<String> postPromotionAnalysis,
      Duration scaleDownDelay,
      int previewReplicas) implements RolloutStrategy {
    public BlueGreen {
      prePromotionAnalysis = List.copyOf(prePromotionAnalysis);
      postPromotionAnalysis = List.copyOf(postPromotionAnalysis);
      if (previewReplicas < 0) {
        throw new IllegalArgumentException("previewReplicas must be >= 0");
      }
    }
  }

  /** Traffic moves to the new side in weighted steps; after the last step it takes everything. */
  record Canary(List<Step> steps, Duration scaleDownDelay) implements RolloutStrategy {
    public Canary {
      steps = List.copyOf(steps);
    }
  }

  /** One canary step. */
  sealed interface Step permits SetWeight, Pause, Analysis {}

  /** Sends {@code weight} percent of new requests to the new side. */
  record SetWeight(int weight) implements Step {
    public SetWeight {
      if (weight < 0 || weight > 100) {
        throw new IllegalArgumentException("setWeight must be 0..100");
      }
    }
  }

  /** Waits {@code duration}, or until promoted when it is null. */
  record Pause(@Nullable Duration duration) implements Step {
    public boolean untilPromoted() {
      return duration == null;
    }
  }

  /** Runs the named analysis templates to completion; failure aborts, inconclusive pauses. */
  record Analysis(List<String> templates) implements Step {
    public Analysis {
      templates = List.copyOf(templates);
      if (templates.isEmpty()) {
        throw new IllegalArgumentException("analysis.templates must not be empty");
      }
    }
  }
}
