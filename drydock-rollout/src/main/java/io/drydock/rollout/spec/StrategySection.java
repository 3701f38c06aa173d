package io.drydock.rollout.spec;

import io.drydock.rollout.spec.RolloutStrategy.Step;
import io.drydock.rollout.spec.YNode.YList;
import io.drydock.rollout.spec.YNode.YMap;
import io.drydock.rollout.spec.YNode.YScalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The {@code strategy} section of a service file: blue/green or canary and their steps. */
final class StrategySection {
  private final YamlBinder in;

  StrategySection(YamlBinder in) {
    this.in = in;
  }

  @Nullable RolloutStrategy strategy(@Nullable YNode node, Set<String> templates) {
    if (node == null) {
      return new RolloutStrategy.BlueGreen(true, Duration.ZERO, List.of(), List.of(), Duration.ofSeconds(30), 0);
    }
    YMap m = in.map(node, "strategy");
    if (m == null) {
      return null;
    }
    in.keys(m, "strategy.", Set.of("blueGreen", "canary"));
    if (m.entries().size() != 1) {
      in.error(m, "strategy", "must have exactly one of blueGreen, canary");
      return null;
    }
    if (m.entries().containsKey("blueGreen")) {
      YMap b = in.map(m.entries().get("blueGreen"), "strategy.blueGreen");
      if (b == null) {
        return null;
      }
      String p = "strategy.blueGreen.";
      in.keys(b, p, Set.of("autoPromotion", "autoPromotionSeconds", "prePromotionAnalysis", "postPromotionAnalysis",
          "scaleDownDelaySeconds", "previewReplicas"));
      boolean auto = in.bool(b, "autoPromotion", p + "autoPromotion", true);
      int autoSeconds = in.integer(b, "autoPromotionSeconds", p + "autoPromotionSeconds", 0, 0, 86_400);
      List<String> pre = templateRefs(b, "prePromotionAnalysis", p + "prePromotionAnalysis", templates);
      List<String> post = templateRefs(b, "postPromotionAnalysis", p + "postPromotionAnalysis", templates);
      int delay = in.integer(b, "scaleDownDelaySeconds", p + "scaleDownDelaySeconds", 30, 0, 86_400);
      int preview = in.integer(b, "previewReplicas", p + "previewReplicas", 0, 0, 32);
      return in.attempt(b, "strategy.blueGreen", () -> new RolloutStrategy.BlueGreen(auto, Duration.ofSeconds(autoSeconds),
          pre, post, Duration.ofSeconds(delay), preview));
    }
    YMap c = in.map(m.entries().get("canary"), "strategy.canary");
    if (c == null) {
      return null;
    }
    in.keys(c, "strategy.canary.", Set.of("steps", "scaleDownDelaySeconds"));
    int delay = in.integer(c, "scaleDownDelaySeconds", "strategy.canary.scaleDownDelaySeconds", 30, 0, 86_400);
    List<Step> steps = new ArrayList<>();
    YNode stepsNode = c.entries().get("steps");
    if (stepsNode == null) {
      in.error(c, "strategy.canary.steps", "is required");
      return null;
    }
    YList list = in.list(stepsNode, "strategy.canary.steps");
    if (list == null) {
      return null;
    }
    for (int i = 0; i < list.items().size(); i++) {
      String p = "strategy.canary.steps[" + i + "]";
      YMap s = in.map(list.items().get(i), p);
      if (s == null) {
        continue;
      }
      in.keys(s, p + ".", Set.of("setWeight", "pause", "analysis"));
      if (s.entries().size() != 1) {
        in.error(s, p, "must have exactly one of setWeight, pause, analysis");
        continue;
      }
      String kind = s.entries().keySet().iterator().next();
      YNode body = s.entries().get(kind);
      switch (kind) {
        case "setWeight" -> {
          Integer w = in.intOf(body, p + ".setWeight", 0, 100);
          if (w != null) {
            steps.add(new RolloutStrategy.SetWeight(w));
          }
        }
        case "pause" -> {
          if (body instanceof YScalar sc && sc.text() == null) {
            steps.add(new RolloutStrategy.Pause(null));
          } else {
            YMap pm = in.map(body, p + ".pause");
            if (pm != null) {
              in.keys(pm, p + ".pause.", Set.of("duration"));
              Duration d = pm.entries().containsKey("duration") ? in.duration(pm, "duration", p + ".pause.duration", Duration.ZERO) : null;
              steps.add(new RolloutStrategy.Pause(d));
            }
          }
        }
        default -> {
          YMap am = in.map(body, p + ".analysis");
          if (am != null) {
            in.keys(am, p + ".analysis.", Set.of("templates"));
            List<String> refs = templateRefs(am, "templates", p + ".analysis.templates", templates);
            if (refs.isEmpty() && !am.entries().containsKey("templates")) {
              in.error(am, p + ".analysis.templates", "is required");
            } else if (!refs.isEmpty()) {
              steps.add(new RolloutStrategy.Analysis(refs));
            }
          }
        }
      }
    }
    return in.attempt(c, "strategy.canary", () -> new RolloutStrategy.Canary(steps, Duration.ofSeconds(delay)));
  }

  private List<String> templateRefs(YMap m, String key, String path, Set<String> templates) {
    YNode n = m.entries().get(key);
    if (n == null) {
      return List.of();
    }
    List<String> refs = n instanceof YScalar s && s.text() != null ? List.of(s.text()) : in.stringListOf(n, path);
    for (String r : refs) {
      if (!templates.contains(r)) {
        in.error(n, path, "names analysis template '" + r + "', which analysisTemplates does not define");
      }
    }
    return refs;
  }
}
