package io.drydock.patch;

import io.drydock.model.ImageRef;
import java.util.Optional;
import java.util.Set;

/**
 * A newer base image the planner may choose, in the order {@code outdated}'s ranking put them (best first).
 *
 * @param ref the candidate, pinned by digest
 * @param vulnerabilities the finding ids the candidate has; empty when it could not be scanned (such a candidate
 *     is never chosen: nothing is known about what it fixes)
 */
public record BaseCandidate(ImageRef ref, Optional<Set<String>> vulnerabilities) {
  public BaseCandidate {
    if (ref.digest() == null) {
      throw new IllegalArgumentException("candidate " + ref + " is not pinned by digest");
    }
    vulnerabilities = vulnerabilities.map(Set::copyOf);
  }

  public static BaseCandidate scanned(ImageRef ref, Set<String> vulnerabilities) {
    return new BaseCandidate(ref, Optional.of(vulnerabilities));
  }
}
