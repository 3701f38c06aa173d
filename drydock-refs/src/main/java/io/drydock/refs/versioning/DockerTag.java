package io.drydock.refs.versioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker tag read as a version the way Renovate's {@code docker} versioning does: an optional {@code v}, a
 * release of dot-separated numbers, an optional pre-release glued to it ({@code 3.7.0b1}) and, after the first
 * hyphen, a suffix that names the variant ({@code alpine3.19}, {@code bookworm-slim}). Two tags are in the same
 * line ({@link #isCompatible}) when they have the same suffix and the same number of release parts.
 *
 * @param text the tag as written
 * @param release the release numbers ({@code 1.25.3} → [1, 25, 3])
 * @param prerelease letters and digits glued to the release ({@code b1}), empty when none
 * @param suffix what follows the first hyphen, empty when none
 */
public record DockerTag(String text, List<Long> release, String prerelease, String suffix)
    implements Comparable<DockerTag> {
  private static final Pattern VERSION = Pattern.compile("(\\d{1,18}(?:\\.\\d{1,18})*)(\\w*)");
  private static final Pattern COMMIT_HASH = Pattern.compile("[a-f0-9]{7,40}");
  private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

  public DockerTag {
    release = List.copyOf(release);
    if (release.isEmpty()) {
      throw new IllegalArgumentException("a version tag needs at least one release number");
    }
  }

  /** The tag as a version, or empty when it is not one ({@code latest}, {@code stable}, a commit hash). */
  public static Optional<DockerTag> parse(String tag) {
    if (tag == null || tag.isEmpty()) {
      return Optional.empty();
    }
    if (COMMIT_HASH.matcher(tag).matches() && !NUMERIC.matcher(tag).matches()) {
      return Optional.empty();
    }
    String rest = tag.startsWith("v") ? tag.substring(1) : tag;
    int hyphen = rest.indexOf('-');
    String prefix = hyphen < 0 ? rest : rest.substring(0, hyphen);
    String suffix = hyphen < 0 ? "" : rest.substring(hyphen + 1);
    Matcher m = VERSION.matcher(prefix);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<Long> release = new ArrayList<>();
    for (String part : m.group(1).split("\\.")) {
      release.add(Long.parseLong(part));
    }
    return Optional.of(new DockerTag(tag, release, m.group(2), suffix));
  }

  /** Whether {@code tag} reads as a version at all. */
  public static boolean isVersion(String tag) {
    return parse(tag).isPresent();
  }

  /** No pre-release part and no {@code SNAPSHOT} suffix. */
  public boolean isStable() {
    return prerelease.isEmpty() && !suffix.toUpperCase(Locale.ROOT).contains("SNAPSHOT");
  }

  /** Same variant (suffix) and same precision (number of release parts): {@code 1.25.3-alpine} vs {@code 1.26.0-alpine}. */
  public boolean isCompatible(DockerTag other) {
    return suffix.equals(other.suffix) && release.size() == other.release.size();
  }

  public long major() {
    return release.get(0);
  }

  /**
   * Renovate's order: release numbers first (a shorter release is greater when it is a prefix: {@code 2.1 > 2.1.1}),
   * then a pre-release is lower than none and pre-releases sort alphabetically, then a tag with a suffix is lower
   * than the same without.
   */
  @Override
  public int compareTo(DockerTag o) {
    int length = Math.max(release.size(), o.release.size());
    for (int i = 0; i < length; i++) {
      if (i >= release.size()) {
        return 1;
      }
      if (i >= o.release.size()) {
        return -1;
      }
      int c = Long.compare(release.get(i), o.release.get(i));
      if (c != 0) {
        return c;
      }
    }
    if (!prerelease.equals(o.prerelease)) {
      if (prerelease.isEmpty()) {
        return 1;
      }
      if (o.prerelease.isEmpty()) {
        return -1;
      }
      return Integer.signum(prerelease.compareTo(o.prerelease));
    }
    return Integer.signum(o.suffix.compareTo(suffix));
  }

  /** Equal as versions: {@code 18.04} equals {@code 18.4}. */
  public boolean sameVersion(DockerTag o) {
    return compareTo(o) == 0;
  }

  /** Which release part first differs: 0 major, 1 minor, 2 patch, …; -1 when the releases are equal. */
  public int firstDifference(DockerTag o) {
    int length = Math.min(release.size(), o.release.size());
    for (int i = 0; i < length; i++) {
      if (!release.get(i).equals(o.release.get(i))) {
        return i;
      }
    }
    return release.size() == o.release.size() ? -1 : length;
  }

  @Override
  public String toString() {
    return text;
  }
}
