package io.drydock.refs.outdated;

import io.drydock.refs.versioning.TagUpdates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Orders candidate tags best first (pure). Scanned candidates come before unscanned ones; among scanned ones, fewer
 * vulnerabilities left, then fewer introduced; then the smaller step (patch before minor before major, the least
 * disruptive fix); then the newer version.
 */
public final class Ranking {
  private Ranking() {}

  public static List<RankedCandidate> rank(Optional<Set<String>> current,
      Map<TagUpdates.Candidate, Optional<Set<String>>> candidates) {
    List<RankedCandidate> out = new ArrayList<>();
    candidates.forEach((c, vulns) -> {
      Set<String> fixed = new HashSet<>();
      Set<String> introduced = new HashSet<>();
      if (current.isPresent() && vulns.isPresent()) {
        fixed.addAll(current.get());
        fixed.removeAll(vulns.get());
        introduced.addAll(vulns.get());
        introduced.removeAll(current.get());
      }
      out.add(new RankedCandidate(c, vulns, fixed, introduced));
    });
    out.sort(Comparator.comparing((RankedCandidate r) -> r.vulnerabilities().isEmpty())
        .thenComparingInt(r -> r.vulnerabilities().map(Set::size).orElse(0))
        .thenComparingInt(r -> r.introduced().size())
        .thenComparing(r -> r.candidate().type(), Comparator.reverseOrder())
        .thenComparing(r -> r.candidate().tag(), Comparator.reverseOrder()));
    return List.copyOf(out);
  }
}
