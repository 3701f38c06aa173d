package io.drydock.scan.version;

/**
 * Debian's version order, as {@code dpkg --compare-versions} implements it ({@code lib/dpkg/version.c}
 * {@code dpkg_version_compare} and {@code verrevcmp}): {@code [epoch:]upstream[-revision]}; a missing epoch is 0
 * and a missing revision compares like {@code ""} (so {@code 1.0 = 1.0-0}). Strings dpkg only warns about
 * (upstream not starting with a digit, odd characters) are compared the same way dpkg does.
 */
final class DpkgVersionScheme implements VersionScheme {

  @Override
  public String name() {
    return "dpkg";
  }

  @Override
  public int compare(String a, String b) {
    Parsed pa = Parsed.of(a);
    Parsed pb = Parsed.of(b);
    int c = compareEpoch(pa.epoch, pb.epoch);
    if (c != 0) {
      return c;
    }
    c = verrevcmp(pa.upstream, pb.upstream);
    if (c != 0) {
      return c;
    }
    return verrevcmp(pa.revision, pb.revision);
  }

  @Override
  public boolean isValid(String version) {
    String v = version.strip();
    if (v.isEmpty() || v.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    Parsed p = Parsed.of(v);
    if (p.upstream.isEmpty() || !isDigit(p.upstream.charAt(0))) {
      return false;
    }
    int colon = v.indexOf(':');
    if (colon >= 0) {
      String epoch = v.substring(0, colon);
      if (epoch.isEmpty() || !epoch.chars().allMatch(DpkgVersionScheme::isDigitInt) || epoch.length() > 9) {
        return false;
      }
    }
    int hyphen = v.lastIndexOf('-');
    if (hyphen >= 0 && hyphen == v.length() - 1) {
      return false;
    }
    for (int i = 0; i < p.upstream.length(); i++) {
      char ch = p.upstream.charAt(i);
      if (!isAsciiAlnum(ch) && ".-+~:".indexOf(ch) < 0) {
        return false;
      }
    }
    for (int i = 0; i < p.revision.length(); i++) {
      char ch = p.revision.charAt(i);
      if (!isAsciiAlnum(ch) && ".+~".indexOf(ch) < 0) {
        return false;
      }
    }
    return true;
  }

  private static int compareEpoch(String a, String b) {
    return Numbers.compareDigits(a, b);
  }

  /** dpkg's verrevcmp: alternating non-digit runs (by {@link #order}) and digit runs (numerically). */
  static int verrevcmp(String a, String b) {
    int i = 0;
    int j = 0;
    int la = a.length();
    int lb = b.length();
    while (i < la || j < lb) {
      int firstDiff = 0;
      while ((i < la && !isDigit(a.charAt(i))) || (j < lb && !isDigit(b.charAt(j)))) {
        int ac = i < la ? order(a.charAt(i)) : 0;
        int bc = j < lb ? order(b.charAt(j)) : 0;
        if (ac != bc) {
          return ac - bc;
        }
        i++;
        j++;
      }
      while (i < la && a.charAt(i) == '0') {
        i++;
      }
      while (j < lb && b.charAt(j) == '0') {
        j++;
      }
      while (i < la && j < lb && isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
        if (firstDiff == 0) {
          firstDiff = a.charAt(i) - b.charAt(j);
        }
        i++;
        j++;
      }
      if (i < la && isDigit(a.charAt(i))) {
        return 1;
      }
      if (j < lb && isDigit(b.charAt(j))) {
        return -1;
      }
      if (firstDiff != 0) {
        return firstDiff;
      }
    }
    return 0;
  }

  private static int order(char c) {
    if (isDigit(c)) {
      return 0;
    } else if (isAsciiAlpha(c)) {
      return c;
    } else if (c == '~') {
      return -1;
    } else {
      return c + 256;
    }
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isDigitInt(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiAlnum(char c) {
    return isDigit(c) || isAsciiAlpha(c);
  }

  /** dpkg's parseversion split: epoch before the first ':', revision after the last '-'. */
  private record Parsed(String epoch, String upstream, String revision) {
    static Parsed of(String raw) {
      String v = raw.strip();
      String epoch = "0";
      int colon = v.indexOf(':');
      if (colon >= 0) {
        String e = v.substring(0, colon);
        epoch = e.isEmpty() ? "0" : leadingDigits(e);
        v = v.substring(colon + 1);
      }
      int hyphen = v.lastIndexOf('-');
      String upstream = v;
      String revision = "";
      if (hyphen >= 0) {
        upstream = v.substring(0, hyphen);
        revision = v.substring(hyphen + 1);
      }
      return new Parsed(epoch, upstream, revision);
    }

    private static String leadingDigits(String s) {
      int n = 0;
      while (n < s.length() && isDigit(s.charAt(n))) {
        n++;
      }
      return n == 0 ? "0" : s.substring(0, n);
    }
  }
}
