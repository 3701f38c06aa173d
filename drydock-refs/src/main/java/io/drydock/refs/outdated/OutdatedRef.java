package io.drydock.refs.outdated;

import io.drydock.model.Digest;
import io.drydock.refs.find.FoundRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What is newer for one reference.
 *
 * @param ref the reference
 * @param ranked newer tags in the same line, best first (see {@link Ranking})
 * @param currentVulnerabilities what the current image has; empty when not scanned
 * @param pinnedDigest the digest the reference is pinned to, if any
 * @param tagDigest the digest its tag points at now (looked up for pinned references only), else null
 * @param note why nothing could be said (no tag, not a version tag, …), else null
 */
public record OutdatedRef(FoundRef ref, List<RankedCandidate> ranked, Optional<Set<String>> currentVulnerabilities,
    @Nullable Digest pinnedDigest, @Nullable Digest tagDigest, @Nullable String note) {
  public OutdatedRef {
    ranked = List.copyOf(ranked);
  }

  /** The tag moved: the image is pinned and its tag now points at another digest. */
  public boolean digestChanged() {
    return pinnedDigest != null && tagDigest != null && !pinnedDigest.equals(tagDigest);
  }

  public Optional<RankedCandidate> best() {
    return ranked.isEmpty() ? Optional.empty() : Optional.of(ranked.get(0));
  }

  public boolean isOutdated() {
    return !ranked.isEmpty() || digestChanged();
  }
}
