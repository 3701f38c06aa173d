package io.drydock.scan.version;

import org.jspecify.annotations.Nullable;

/**
 * RPM's order as {@code rpm.vercmp} implements it since rpm 4.16: the strings are split as
 * {@code [epoch:]version[-release]} ({@code parseEVR}), the epoch (0 when absent) is compared first, then the
 * versions with {@code rpmvercmp}, then the releases, where a missing release sorts before any release (even an empty one). {@code rpmvercmp} compares alternating
 * numeric and alphabetic segments; {@code ~} sorts before everything (pre-releases), {@code ^} after the base
 * version but before any further segment (snapshots). Only ASCII letters and digits count.
 */
final class RpmVersionScheme implements VersionScheme {

  @Override
  public String name() {
    return "rpm";
  }

  @Override
  public int compare(String a, String b) {
    Evr x = Evr.of(a);
    Evr y = Evr.of(b);
    int c = rpmvercmp(x.epoch, y.epoch);
    if (c != 0) {
      return c;
    }
    c = rpmvercmp(x.version, y.version);
    if (c != 0) {
      return c;
    }
    if (x.release == null || y.release == null) {
      return Boolean.compare(x.release != null, y.release != null);
    }
    return rpmvercmp(x.release, y.release);
  }

  @Override
  public boolean isValid(String version) {
    if (version.isEmpty()) {
      return false;
    }
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    Evr e = Evr.of(version);
    return !e.version.isEmpty() && (e.release == null || !e.release.isEmpty());
  }

  /** rpmvercmp from rpm's {@code rpmio/rpmvercmp.c}, over Java strings. */
  static int rpmvercmp(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    int la = a.length();
    int lb = b.length();
    while (i < la || j < lb) {
      while (i < la && !isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
        i++;
      }
      while (j < lb && !isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
        j++;
      }
      char ca = i < la ? a.charAt(i) : 0;
      char cb = j < lb ? b.charAt(j) : 0;
      if (ca == '~' || cb == '~') {
        if (ca != '~') {
          return 1;
        }
        if (cb != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == '^' || cb == '^') {
        if (ca == 0) {
          return -1;
        }
        if (cb == 0) {
          return 1;
        }
        if (ca != '^') {
          return 1;
        }
        if (cb != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == 0 || cb == 0) {
        break;
      }
      int ei = i;
      int ej = j;
      boolean isNum = isDigit(ca);
      if (isNum) {
        while (ei < la && isDigit(a.charAt(ei))) {
          ei++;
        }
        while (ej < lb && isDigit(b.charAt(ej))) {
          ej++;
        }
      } else {
        while (ei < la && isAlpha(a.charAt(ei))) {
          ei++;
        }
        while (ej < lb && isAlpha(b.charAt(ej))) {
          ej++;
        }
      }
      if (ej == j) {
        return isNum ? 1 : -1;
      }
      String sa = a.substring(i, ei);
      String sb = b.substring(j, ej);
      int rc;
      if (isNum) {
        rc = Numbers.compareDigits(sa, sb);
      } else {
        rc = Integer.signum(sa.compareTo(sb));
      }
      if (rc != 0) {
        return rc;
      }
      i = ei;
      j = ej;
    }
    if (i >= la && j >= lb) {
      return 0;
    }
    return i >= la ? -1 : 1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || isAlpha(c);
  }

  /** rpm's parseEVR: digits then ':' make the epoch; the release follows the last '-' after the epoch. */
  private record Evr(String epoch, String version, @Nullable String release) {
    static Evr of(String evr) {
      int s = 0;
      while (s < evr.length() && isDigit(evr.charAt(s))) {
        s++;
      }
      int se = evr.lastIndexOf('-');
      if (se < s) {
        se = -1;
      }
      String epoch = "0";
      int vStart = 0;
      if (s < evr.length() && evr.charAt(s) == ':') {
        epoch = s == 0 ? "0" : evr.substring(0, s);
        vStart = s + 1;
      }
      if (se >= 0) {
        return new Evr(epoch, evr.substring(vStart, se), evr.substring(se + 1));
      }
      return new Evr(epoch, evr.substring(vStart), null);
    }
  }
}
