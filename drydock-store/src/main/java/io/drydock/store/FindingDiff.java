package io.drydock.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What changed between an image's stored findings and a new match of its SBOM (pure). */
public record FindingDiff(List<StoredFinding> appeared, List<StoredFinding> fixed) {
  public FindingDiff {
    appeared = List.copyOf(appeared);
    fixed = List.copyOf(fixed);
  }

  public boolean isEmpty() {
    return appeared.isEmpty() && fixed.isEmpty();
  }

  /**
   * Findings in {@code after} whose key is not in {@code before} appeared; keys of {@code before} missing from
   * {@code after} were fixed. A finding whose key stays but whose fix became available counts as appeared again
   * (a fix-available moment starts the MTTP clock, docs/metrics.md).
   */
  public static FindingDiff of(List<StoredFinding> before, List<StoredFinding> after) {
    Map<StoredFinding.Key, StoredFinding> old = new LinkedHashMap<>();
    before.forEach(f -> old.put(f.key(), f));
    Map<StoredFinding.Key, StoredFinding> now = new LinkedHashMap<>();
    after.forEach(f -> now.putIfAbsent(f.key(), f));
    List<StoredFinding> appeared = new ArrayList<>();
    for (StoredFinding f : now.values()) {
      StoredFinding was = old.get(f.key());
      if (was == null || (was.fixedVersions().isEmpty() && !f.fixedVersions().isEmpty())) {
        appeared.add(f);
      }
    }
    List<StoredFinding> fixed = new ArrayList<>();
    for (StoredFinding f : old.values()) {
      if (!now.containsKey(f.key())) {
        fixed.add(f);
      }
    }
    return new FindingDiff(appeared, fixed);
  }
}
