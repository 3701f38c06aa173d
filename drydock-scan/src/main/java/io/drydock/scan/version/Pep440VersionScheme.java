package io.drydock.scan.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Python versions (PEP 440) as {@code packaging.version.Version} parses, normalizes and orders them: epoch,
 * release (trailing zeros ignored), pre-release ({@code a < b < rc}, with the spellings {@code alpha},
 * {@code beta}, {@code c}, {@code pre}, {@code preview}), post-release ({@code .postN}, {@code -N}, {@code rev},
 * {@code r}), dev release and local version ({@code +ubuntu.1}; numeric parts sort after alphanumeric ones),
 * separators {@code . - _} optional, case-insensitive, leading {@code v} allowed. A dev release without pre or
 * post sorts before the pre-releases of the same release.
 *
 * <p>Strings that are not PEP 440 (packaging raises {@code InvalidVersion}) sort before every valid version
 * and among themselves by their text; the matcher reports them as skipped rather than relying on that order.
 */
final class Pep440VersionScheme implements VersionScheme {

  private static final Pattern VERSION =
      Pattern.compile(
          "^\\s*v?"
              + "(?:(?<epoch>[0-9]+)!)?"
              + "(?<release>[0-9]+(?:\\.[0-9]+)*)"
              + "(?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
              + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
              + "(?<dev>[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?"
              + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?"
              + "\\s*$",
          Pattern.CASE_INSENSITIVE);

  @Override
  public String name() {
    return "pep440";
  }

  @Override
  public boolean isValid(String version) {
    return parse(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    Key x = parse(a);
    Key y = parse(b);
    if (x == null || y == null) {
      if (x == null && y == null) {
        return Integer.signum(a.strip().compareTo(b.strip()));
      }
      return x == null ? -1 : 1;
    }
    return x.compareTo(y);
  }

  /** Sort key of a parsed version, following packaging's {@code _cmpkey}. */
  record Key(
      String epoch,
      List<String> release,
      int preRank,
      String preNumber,
      boolean hasPost,
      String postNumber,
      boolean hasDev,
      String devNumber,
      @Nullable List<String> local)
      implements Comparable<Key> {

    /** preRank: -1 dev-only (before any pre-release), 0..2 = a, b, rc, 3 = no pre-release. */
    @Override
    public int compareTo(Key o) {
      int c = Numbers.compareDigits(epoch, o.epoch);
      if (c != 0) {
        return c;
      }
      c = compareRelease(release, o.release);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(preRank, o.preRank);
      if (c == 0 && preRank >= 0 && preRank <= 2) {
        c = Numbers.compareDigits(preNumber, o.preNumber);
      }
      if (c != 0) {
        return c;
      }
      c = Boolean.compare(hasPost, o.hasPost);
      if (c == 0 && hasPost) {
        c = Numbers.compareDigits(postNumber, o.postNumber);
      }
      if (c != 0) {
        return c;
      }
      c = Boolean.compare(!hasDev, !o.hasDev);
      if (c == 0 && hasDev) {
        c = Numbers.compareDigits(devNumber, o.devNumber);
      }
      if (c != 0) {
        return c;
      }
      return compareLocal(local, o.local);
    }

    private static int compareRelease(List<String> a, List<String> b) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        int c = Numbers.compareDigits(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    }

    private static int compareLocal(@Nullable List<String> a, @Nullable List<String> b) {
      if (a == null || b == null) {
        return Boolean.compare(a != null, b != null);
      }
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        String x = a.get(i);
        String y = b.get(i);
        boolean xn = Numbers.allDigits(x);
        boolean yn = Numbers.allDigits(y);
        int c;
        if (xn && yn) {
          c = Numbers.compareDigits(x, y);
        } else if (xn != yn) {
          c = xn ? 1 : -1;
        } else {
          c = Integer.signum(x.compareTo(y));
        }
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    }
  }

  static @Nullable Key parse(String raw) {
    if (raw.length() > 1024) {
      return null;
    }
    Matcher m = VERSION.matcher(raw);
    if (!m.matches()) {
      return null;
    }
    String epoch = m.group("epoch") == null ? "0" : m.group("epoch");
    List<String> release = new ArrayList<>(List.of(m.group("release").split("\\.")));
    while (release.size() > 1 && Numbers.stripZeros(release.get(release.size() - 1)).equals("0")) {
      release.remove(release.size() - 1);
    }
    if (release.size() == 1 && Numbers.stripZeros(release.get(0)).equals("0")) {
      release.clear();
    }
    boolean hasPre = m.group("pre") != null;
    boolean hasPost = m.group("post") != null;
    boolean hasDev = m.group("dev") != null;
    int preRank;
    String preNumber = "0";
    if (hasPre) {
      String l = m.group("prel").toLowerCase(Locale.ROOT);
      preRank =
          switch (l) {
            case "a", "alpha" -> 0;
            case "b", "beta" -> 1;
            default -> 2;
          };
      if (m.group("pren") != null) {
        preNumber = m.group("pren");
      }
    } else if (!hasPost && hasDev) {
      preRank = -1;
    } else {
      preRank = 3;
    }
    String postNumber = "0";
    if (hasPost) {
      String n = m.group("postn1") != null ? m.group("postn1") : m.group("postn2");
      if (n != null) {
        postNumber = n;
      }
    }
    String devNumber = hasDev && m.group("devn") != null ? m.group("devn") : "0";
    List<String> local = null;
    if (m.group("local") != null) {
      local = List.of(m.group("local").toLowerCase(Locale.ROOT).split("[-_.]"));
    }
    return new Key(epoch, List.copyOf(release), preRank, preNumber, hasPost, postNumber, hasDev, devNumber, local);
  }
}
