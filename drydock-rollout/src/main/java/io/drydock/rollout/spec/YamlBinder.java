package io.drydock.rollout.spec;

import io.drydock.rollout.spec.YNode.YList;
import io.drydock.rollout.spec.YNode.YMap;
import io.drydock.rollout.spec.YNode.YScalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The YAML binder under {@link ServiceFile} and its sections: typed reads of scalars, lists and maps from the
 * parsed tree, each problem collected with file name, line and path instead of thrown, so that one read reports
 * them all.
 */
final class YamlBinder {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

  final String fileName;
  final List<String> errors = new ArrayList<>();

  YamlBinder(String fileName) {
    this.fileName = fileName;
  }

  void keys(YMap m, String prefix, Set<String> allowed) {
    for (Map.Entry<String, Integer> e : m.keyLines().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        errors.add(fileName + ":" + e.getValue() + ": " + prefix + e.getKey() + " is not a known key (expected one of "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  void error(@Nullable YNode node, String path, String message) {
    errors.add(fileName + ":" + (node == null ? 1 : node.line()) + ": " + path + " " + message);
  }

  void error(int line, String path, String message) {
    errors.add(fileName + ":" + line + ": " + path + " " + message);
  }

  int line(YMap m, String key) {
    YNode n = m.entries().get(key);
    return n == null ? m.line() : n.line();
  }

  <T> @Nullable T attempt(YNode at, String path, Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      if (errors.isEmpty()) {
        errors.add(fileName + ":" + at.line() + ": " + (path.isEmpty() ? "" : path + ": ") + e.getMessage());
      }
      return null;
    }
  }

  @Nullable YMap map(@Nullable YNode n, String path) {
    if (n instanceof YMap m) {
      return m;
    }
    error(n, path, "must be a mapping");
    return null;
  }

  @Nullable YList list(YNode n, String path) {
    if (n instanceof YList l) {
      return l;
    }
    error(n, path, "must be a list");
    return null;
  }

  @Nullable YScalar scalar(YMap m, String key, String path, boolean required) {
    YNode n = m.entries().get(key);
    if (n == null) {
      if (required) {
        error(m, path, "is required");
      }
      return null;
    }
    if (n instanceof YScalar s) {
      if (s.text() == null && required) {
        error(s, path, "is required");
      }
      return s;
    }
    error(n, path, "must be a single value");
    return null;
  }

  @Nullable String requiredString(YMap m, String key, String path) {
    YScalar s = scalar(m, key, path, true);
    if (s == null || s.text() == null) {
      return null;
    }
    if (s.text().isBlank()) {
      error(s, path, "must not be empty");
      return null;
    }
    return s.text();
  }

  String string(YMap m, String key, String path, String dflt) {
    YScalar s = scalar(m, key, path, false);
    return s == null || s.text() == null ? dflt : s.text();
  }

  int integer(YMap m, String key, String path, int dflt, int min, int max) {
    YNode n = m.entries().get(key);
    if (n == null) {
      return dflt;
    }
    Integer v = intOf(n, path, min, max);
    return v == null ? dflt : v;
  }

  @Nullable Integer intOf(YNode n, String path, int min, int max) {
    if (n instanceof YScalar s && s.text() != null && !s.isString()) {
      try {
        int v = Integer.parseInt(s.text());
        if (v < min || v > max) {
          error(s, path, "must be " + min + ".." + max);
          return null;
        }
        return v;
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    error(n, path, "must be an integer " + min + ".." + max);
    return null;
  }

  boolean bool(YMap m, String key, String path, boolean dflt) {
    YNode n = m.entries().get(key);
    if (n == null) {
      return dflt;
    }
    if (n instanceof YScalar s && ("true".equals(s.text()) || "false".equals(s.text())) && !s.isString()) {
      return Boolean.parseBoolean(s.text());
    }
    error(n, path, "must be true or false");
    return dflt;
  }

  Duration duration(YMap m, String key, String path, Duration dflt) {
    YScalar s = scalar(m, key, path, false);
    if (s == null || s.text() == null) {
      return dflt;
    }
    Duration d = parseDuration(s.text());
    if (d == null) {
      error(s, path, "must be a duration such as 500ms, 30s, 5m or 1h, got '" + s.text() + "'");
      return dflt;
    }
    return d;
  }

  /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or a bare number of seconds; null when malformed. */
  static @Nullable Duration parseDuration(String text) {
    Matcher dm = DURATION.matcher(text.trim());
    if (!dm.matches()) {
      return null;
    }
    long n = Long.parseLong(dm.group(1));
    String unit = dm.group(2) == null ? "s" : dm.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  Map<String, String> stringMap(YMap m, String key, String path) {
    Map<String, String> out = new LinkedHashMap<>();
    YNode n = m.entries().get(key);
    if (n == null) {
      return out;
    }
    YMap map = map(n, path);
    if (map == null) {
      return out;
    }
    for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
      if (e.getValue() instanceof YScalar s && s.text() != null) {
        out.put(e.getKey(), s.text());
      } else {
        error(e.getValue(), path + "." + e.getKey(), "must be a single value");
      }
    }
    return out;
  }

  List<String> stringList(YMap m, String key, String path) {
    YNode n = m.entries().get(key);
    return n == null ? List.of() : stringListOf(n, path);
  }

  List<String> stringListOf(YNode n, String path) {
    List<String> out = new ArrayList<>();
    YList l = list(n, path);
    if (l == null) {
      return out;
    }
    for (int i = 0; i < l.items().size(); i++) {
      if (l.items().get(i) instanceof YScalar s && s.text() != null) {
        out.add(s.text());
      } else {
        error(l.items().get(i), path + "[" + i + "]", "must be a single value");
      }
    }
    return out;
  }
}
