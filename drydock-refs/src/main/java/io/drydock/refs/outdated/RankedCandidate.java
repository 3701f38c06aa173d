package io.drydock.refs.outdated;

import io.drydock.refs.versioning.TagUpdates;
import java.util.Optional;
import java.util.Set;

/**
 * A candidate tag with what scanning it showed.
 *
 * @param candidate the tag and the size of the step
 * @param vulnerabilities what the candidate has; empty when it was not scanned (no database)
 * @param fixed what the current image has and the candidate does not (empty when either was not scanned)
 * @param introduced what the candidate has and the current image does not (empty when either was not scanned)
 */
public record RankedCandidate(TagUpdates.Candidate candidate, Optional<Set<String>> vulnerabilities, Set<String> fixed,
    Set<String> introduced) {
  public RankedCandidate {
    vulnerabilities = vulnerabilities.map(Set::copyOf);
    fixed = Set.copyOf(fixed);
    introduced = Set.copyOf(introduced);
  }

  public String tag() {
    return candidate.tag().text();
  }
}
