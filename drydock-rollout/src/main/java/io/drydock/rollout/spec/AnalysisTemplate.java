package io.drydock.rollout.spec;

import java.util.List;

/** Named set of metrics, referred to by strategies. */
public record AnalysisTemplate(String name, List<Metric> metrics) {
  public AnalysisTemplate {
    metrics = List.copyOf(metrics);
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("analysis template '" + name + "' has no metrics");
    }
  }
}
