package io.drydock.rollout.plan;

import io.drydock.rollout.spec.RolloutStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One step of a rollout as the controller drives it: a strategy expanded into a flat list (pure). */
public sealed interface Stage permits Stage.Weight, Stage.Wait, Stage.Analyze {

  record Weight(int percent) implements Stage {
    @Override
    public String toString() {
      return percent + "% of new requests";
    }
  }

  record Wait(@Nullable Duration duration) implements Stage {
    @Override
    public String toString() {
      return duration == null ? "pause until promoted" : "pause " + duration.toSeconds() + "s";
    }
  }

  record Analyze(List<String> templates, String label) implements Stage {
    @Override
    public String toString() {
      return "analysis " + label;
    }
  }

  /** The strategy as one list of stages: the new side always starts at 0 % (preview, smoke), ends at 100 %. */
  static List<Stage> of(RolloutStrategy strategy) {
    List<Stage> out = new ArrayList<>();
    out.add(new Weight(0));
    if (strategy instanceof RolloutStrategy.BlueGreen bg) {
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
    } else if (strategy instanceof RolloutStrategy.Canary c) {
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

}
