package io.drydock.scan.version;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * npm's order, as node-semver 7 ({@code semver.compare(a, b, {loose: true})}) defines it: SemVer 2.0 precedence
 * (build metadata ignored, pre-release identifiers compared numerically when both are numeric, numeric before
 * alphanumeric, fewer identifiers first), with node-semver's loose parsing ({@code v}/{@code =} prefixes,
 * leading zeros, a pre-release without its hyphen). node-semver throws on what it cannot parse (for example
 * {@code 1.0}, or numbers above 2^53-1); here such strings sort before every valid version, and among
 * themselves by their text, so the order stays total.
 *
 * <p>Written here rather than taken from semver4j because the oracle is node-semver itself, whose loose parsing
 * and number limits semver4j does not follow.
 */
final class NpmSemverScheme implements VersionScheme {

  private static final long MAX_SAFE_INTEGER = 9007199254740991L;
  private static final int MAX_LENGTH = 256;
  private static final String NON_NUMERIC_ID = "\\d*[a-zA-Z-][a-zA-Z0-9-]*";
  private static final String PRE_ID = "(?:" + NON_NUMERIC_ID + "|\\d+)";
  private static final String BUILD_ID = "[a-zA-Z0-9-]+";
  private static final Pattern LOOSE =
      Pattern.compile(
          "^[v=\\s]*(\\d+)\\.(\\d+)\\.(\\d+)"
              + "(?:-?(" + PRE_ID + "(?:\\." + PRE_ID + ")*))?"
              + "(?:\\+(" + BUILD_ID + "(?:\\." + BUILD_ID + ")*))?$");

  @Override
  public String name() {
    return "semver";
  }

  @Override
  public boolean isValid(String version) {
    return parse(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    Version x = parse(a);
    Version y = parse(b);
    if (x == null || y == null) {
      if (x == null && y == null) {
        return Integer.signum(a.strip().compareTo(b.strip()));
      }
      return x == null ? -1 : 1;
    }
    int c = Long.compare(x.major, y.major);
    if (c == 0) {
      c = Long.compare(x.minor, y.minor);
    }
    if (c == 0) {
      c = Long.compare(x.patch, y.patch);
    }
    if (c != 0) {
      return Integer.signum(c);
    }
    return comparePre(x.pre, y.pre);
  }

  private static int comparePre(List<String> a, List<String> b) {
    if (!a.isEmpty() && b.isEmpty()) {
      return -1;
    }
    if (a.isEmpty() && !b.isEmpty()) {
      return 1;
    }
    for (int i = 0; ; i++) {
      boolean ha = i < a.size();
      boolean hb = i < b.size();
      if (!ha && !hb) {
        return 0;
      }
      if (!hb) {
        return 1;
      }
      if (!ha) {
        return -1;
      }
      int c = compareIdentifiers(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
  }

  /** node-semver's compareIdentifiers: numeric ones as JavaScript numbers, numeric before alphanumeric. */
  static int compareIdentifiers(String a, String b) {
    boolean an = Numbers.allDigits(a);
    boolean bn = Numbers.allDigits(b);
    if (an && bn) {
      return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
    }
    if (an) {
      return -1;
    }
    if (bn) {
      return 1;
    }
    return Integer.signum(a.compareTo(b));
  }

  static @Nullable Version parse(String raw) {
    String v = raw.strip();
    if (v.length() > MAX_LENGTH) {
      return null;
    }
    Matcher m = LOOSE.matcher(v);
    if (!m.matches()) {
      return null;
    }
    long major = number(m.group(1));
    long minor = number(m.group(2));
    long patch = number(m.group(3));
    if (major < 0 || minor < 0 || patch < 0) {
      return null;
    }
    List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\.", -1));
    return new Version(major, minor, patch, pre);
  }

  private static long number(String digits) {
    String d = Numbers.stripZeros(digits);
    if (d.length() > 16) {
      return -1;
    }
    long n = Long.parseLong(d);
    return n > MAX_SAFE_INTEGER ? -1 : n;
  }

  record Version(long major, long minor, long patch, List<String> pre) {}
}
