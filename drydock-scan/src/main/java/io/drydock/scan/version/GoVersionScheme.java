package io.drydock.scan.version;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Go module versions, as {@code golang.org/x/mod/semver} orders them: {@code vMAJOR[.MINOR[.PATCH]]} (the short
 * forms mean {@code .0}), optional {@code -prerelease}, build metadata ignored (so {@code +incompatible} does not
 * change the order), pseudo-versions ({@code v0.0.0-20191109021931-daa7c04131f5}) being ordinary pre-releases.
 * OSV writes Go versions without the {@code v}; both spellings are accepted. Invalid strings sort before
 * every valid one and equal to each other, like {@code semver.Compare}.
 */
final class GoVersionScheme implements VersionScheme {

  @Override
  public String name() {
    return "go";
  }

  @Override
  public boolean isValid(String version) {
    return parse(version) != null;
  }

  @Override
  public int compare(String a, String b) {
    Parsed x = parse(a);
    Parsed y = parse(b);
    if (x == null || y == null) {
      if (x == null && y == null) {
        return 0;
      }
      return x == null ? -1 : 1;
    }
    int c = compareInt(x.major, y.major);
    if (c == 0) {
      c = compareInt(x.minor, y.minor);
    }
    if (c == 0) {
      c = compareInt(x.patch, y.patch);
    }
    if (c == 0) {
      c = comparePrerelease(x.pre, y.pre);
    }
    return c;
  }

  private static int compareInt(String a, String b) {
    if (a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    return Integer.signum(a.compareTo(b));
  }

  private static int comparePrerelease(List<String> a, List<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return Boolean.compare(a.isEmpty(), b.isEmpty());
    }
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xn = Numbers.allDigits(x);
      boolean yn = Numbers.allDigits(y);
      int c;
      if (xn && yn) {
        c = compareInt(x, y);
      } else if (xn != yn) {
        c = xn ? -1 : 1;
      } else {
        c = Integer.signum(x.compareTo(y));
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private record Parsed(String major, String minor, String patch, List<String> pre) {}

  private static @Nullable Parsed parse(String raw) {
    String v = raw.startsWith("v") ? raw.substring(1) : raw;
    int[] pos = {0};
    String major = num(v, pos);
    if (major == null) {
      return null;
    }
    String minor = "0";
    String patch = "0";
    boolean shortForm = true;
    if (pos[0] < v.length() && v.charAt(pos[0]) == '.') {
      pos[0]++;
      minor = num(v, pos);
      if (minor == null) {
        return null;
      }
      if (pos[0] < v.length() && v.charAt(pos[0]) == '.') {
        pos[0]++;
        patch = num(v, pos);
        if (patch == null) {
          return null;
        }
        shortForm = false;
      }
    }
    if (pos[0] == v.length()) {
      return new Parsed(major, minor, patch, List.of());
    }
    if (shortForm) {
      return null;
    }
    List<String> pre = new ArrayList<>();
    String rest = v.substring(pos[0]);
    if (rest.charAt(0) == '-') {
      int plus = rest.indexOf('+');
      String p = plus >= 0 ? rest.substring(1, plus) : rest.substring(1);
      for (String id : p.split("\\.", -1)) {
        if (id.isEmpty() || !ident(id) || (Numbers.allDigits(id) && id.length() > 1 && id.charAt(0) == '0')) {
          return null;
        }
        pre.add(id);
      }
      rest = plus >= 0 ? rest.substring(plus) : "";
    }
    if (!rest.isEmpty()) {
      if (rest.charAt(0) != '+') {
        return null;
      }
      for (String id : rest.substring(1).split("\\.", -1)) {
        if (id.isEmpty() || !ident(id)) {
          return null;
        }
      }
    }
    return new Parsed(major, minor, patch, List.copyOf(pre));
  }

  private static boolean ident(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static @Nullable String num(String v, int[] pos) {
    int start = pos[0];
    int i = start;
    while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
      i++;
    }
    if (i == start || (v.charAt(start) == '0' && i != start + 1)) {
      return null;
    }
    pos[0] = i;
    return v.substring(start, i);
  }
}
