package io.drydock.refs.versioning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Newer tags in the same line as a current tag (pure). A candidate must read as a version, be compatible with the
 * current tag (same suffix, same precision), be stable unless the current tag is not, be greater, and keep the
 * major number unless {@code allowMajor}.
 */
public final class TagUpdates {
  private TagUpdates() {}

  /** The kind of step from the current tag to a candidate. */
  public enum UpdateType { MAJOR, MINOR, PATCH }

  /** A newer tag and how big a step it is. */
  public record Candidate(DockerTag tag, UpdateType type) {}

  /** The newer tags among {@code available}, oldest first; empty when {@code current} is not a version. */
  public static List<Candidate> newer(String current, List<String> available, boolean allowMajor) {
    Optional<DockerTag> parsed = DockerTag.parse(current);
    if (parsed.isEmpty()) {
      return List.of();
    }
    DockerTag cur = parsed.get();
    List<Candidate> out = new ArrayList<>();
    for (String text : available) {
      Optional<DockerTag> cand = DockerTag.parse(text);
      if (cand.isEmpty()) {
        continue;
      }
      DockerTag c = cand.get();
      if (!c.isCompatible(cur) || (cur.isStable() && !c.isStable()) || c.compareTo(cur) <= 0) {
        continue;
      }
      int diff = cur.firstDifference(c);
      // diff < 0: same release, a pre-release becomes the release (3.7.0b1 → 3.7.0): the smallest step
      UpdateType type = diff == 0 ? UpdateType.MAJOR : diff == 1 ? UpdateType.MINOR : UpdateType.PATCH;
      if (type == UpdateType.MAJOR && !allowMajor) {
        continue;
      }
      out.add(new Candidate(c, type));
    }
    out.sort(Comparator.comparing(Candidate::tag));
    return List.copyOf(out);
  }

  /** The newest candidate, if any. */
  public static Optional<Candidate> newest(String current, List<String> available, boolean allowMajor) {
    List<Candidate> all = newer(current, available, allowMajor);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }
}
