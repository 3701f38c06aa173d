package io.drydock.scan.match;

import io.drydock.model.Finding;
import io.drydock.model.Skip;
import java.util.List;

/** Findings of one or more packages, and what could not be decided (with why). */
public record MatchResult(List<Finding> findings, List<Skip> skips) {
  public MatchResult {
    findings = List.copyOf(findings);
    skips = List.copyOf(skips);
  }
}
