package io.drydock.scan.version;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NuGet's version order (NuGet.Versioning {@code VersionComparer.Default}): one to four numeric parts
 * (Major.Minor.Patch.Revision, a missing part is 0, leading zeros allowed); a version with a release label sorts
 * before the same version without; labels are compared part by part (split at {@code .}), numeric parts
 * numerically and before alphanumeric ones, alphanumeric parts ordinally ignoring case, a shorter label with an
 * equal prefix first; build metadata after {@code +} is ignored. Numbers of any length are compared by value.
 * Strings NuGet refuses are compared, ignoring case, as text.
 */
final class NuGetVersionScheme implements VersionScheme {
  private static final Pattern VERSION = Pattern.compile(
      "\\s*([0-9]+)(?:\\.([0-9]+))?(?:\\.([0-9]+))?(?:\\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?\\s*");

  @Override
  public int compare(String a, String b) {
    Matcher x = VERSION.matcher(a);
    Matcher y = VERSION.matcher(b);
    if (!x.matches() || !y.matches()) {
      return Integer.signum(a.strip().toUpperCase(Locale.ROOT).compareTo(b.strip().toUpperCase(Locale.ROOT)));
    }
    for (int g = 1; g <= 4; g++) {
      int c = Numbers.compareDigits(part(x, g), part(y, g));
      if (c != 0) {
        return c;
      }
    }
    String l = x.group(5);
    String r = y.group(5);
    if (l == null || r == null) {
      return l == null ? (r == null ? 0 : 1) : -1;
    }
    String[] p = l.split("\\.");
    String[] q = r.split("\\.");
    for (int i = 0; i < Math.min(p.length, q.length); i++) {
      int c = compareLabel(p[i], q[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(p.length, q.length);
  }

  private static String part(Matcher m, int group) {
    String s = m.group(group);
    return s == null ? "0" : s;
  }

  private static int compareLabel(String a, String b) {
    boolean na = Numbers.allDigits(a);
    boolean nb = Numbers.allDigits(b);
    if (na && nb) {
      return Numbers.compareDigits(a, b);
    }
    if (na || nb) {
      return na ? -1 : 1;
    }
    return Integer.signum(a.toUpperCase(Locale.ROOT).compareTo(b.toUpperCase(Locale.ROOT)));
  }

  @Override
  public boolean isValid(String version) {
    return VERSION.matcher(version).matches();
  }

  @Override
  public String name() {
    return "nuget";
  }
}
