package io.drydock.policy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A shell-style glob over names and references: {@code *} matches within one {@code /}-separated segment,
 * {@code **} across segments, {@code ?} one character. Everything else is literal. Hand-written (20 lines)
 * because {@code java.nio.file.PathMatcher} needs a file system and treats {@code :} and {@code @} per OS.
 */
public record Glob(String pattern, Pattern regex) {

  public static Glob of(String pattern) {
    if (pattern.isBlank()) {
      throw new IllegalArgumentException("empty glob");
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new Glob(pattern, Pattern.compile(re.toString()));
  }

  public boolean matches(String text) {
    return regex.matcher(text).matches();
  }

  /** True when any of the globs matches; false for an empty list. */
  public static boolean any(List<Glob> globs, String text) {
    return globs.stream().anyMatch(g -> g.matches(text));
  }

  @Override
  public String toString() {
    return pattern;
  }
}
