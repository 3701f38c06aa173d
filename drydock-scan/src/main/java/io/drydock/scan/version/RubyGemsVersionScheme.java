package io.drydock.scan.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RubyGems' {@code Gem::Version} order, as rubygems 3.3 (Ruby 3.1) implements {@code <=>}: a {@code -} becomes
 * {@code .pre.}; the version splits into runs of digits (numbers, any length) and runs of letters (strings);
 * trailing zeros are dropped from the numeric part before the first string and from the rest; then segments are
 * compared pairwise, a missing one counting as {@code 0}, a string sorting before a number (so {@code 1.0.a} is a
 * prerelease of {@code 1}) and strings by their bytes. Strings {@code Gem::Version} refuses are compared by the same
 * rule (the oracle raises on them).
 */
final class RubyGemsVersionScheme implements VersionScheme {
  private static final Pattern VALID = Pattern.compile(
      "\\A\\s*([0-9]+(?>\\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?)?\\s*\\z");
  private static final Pattern SEGMENT = Pattern.compile("[0-9]+|[a-zA-Z]+");

  private record Segment(boolean number, String text) {
    static final Segment ZERO = new Segment(true, "0");

    boolean isZero() {
      return number && Numbers.stripZeros(text).equals("0");
    }
  }

  @Override
  public int compare(String a, String b) {
    String x = normalise(a);
    String y = normalise(b);
    if (x.equals(y)) {
      return 0;
    }
    List<Segment> l = canonical(x);
    List<Segment> r = canonical(y);
    int limit = Math.max(l.size(), r.size());
    for (int i = 0; i < limit; i++) {
      Segment p = i < l.size() ? l.get(i) : Segment.ZERO;
      Segment q = i < r.size() ? r.get(i) : Segment.ZERO;
      if (p.number() != q.number()) {
        return p.number() ? 1 : -1;
      }
      int c = p.number() ? Numbers.compareDigits(p.text(), q.text()) : Integer.signum(p.text().compareTo(q.text()));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public boolean isValid(String version) {
    return VALID.matcher(version).matches();
  }

  @Override
  public String name() {
    return "rubygems";
  }

  private static String normalise(String version) {
    String v = version.strip();
    return (v.isEmpty() ? "0" : v).replace("-", ".pre.");
  }

  /** Gem::Version#canonical_segments: trailing zeros dropped from the numeric head and from the rest. */
  private static List<Segment> canonical(String version) {
    List<Segment> all = new ArrayList<>();
    Matcher m = SEGMENT.matcher(version);
    while (m.find()) {
      String s = m.group();
      all.add(new Segment(Character.isDigit(s.charAt(0)), s));
    }
    int stringStart = 0;
    while (stringStart < all.size() && all.get(stringStart).number()) {
      stringStart++;
    }
    List<Segment> out = new ArrayList<>(dropTrailingZeros(all.subList(0, stringStart)));
    out.addAll(dropTrailingZeros(all.subList(stringStart, all.size())));
    return out;
  }

  private static List<Segment> dropTrailingZeros(List<Segment> segments) {
    int end = segments.size();
    while (end > 0 && segments.get(end - 1).isZero()) {
      end--;
    }
    return segments.subList(0, end);
  }
}
