package io.drydock.scan.purl;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A package URL (<a href="https://github.com/package-url/purl-spec">purl spec</a>) in canonical form:
 * {@code pkg:type/namespace/name@version?k1=v1&k2=v2}, qualifiers sorted by key, empty qualifier values left out,
 * every component percent-encoded except ASCII letters, digits, {@code . - _ ~} and {@code :} (so a {@code +} in a
 * version becomes {@code %2B}). Namespace segments are encoded one by one.
 */
public record PackageUrl(
    String type, @Nullable String namespace, String name, @Nullable String version, SortedMap<String, String> qualifiers) {

  public PackageUrl {
    Objects.requireNonNull(type, "type");
    if (!type.matches("[a-z][a-z0-9.+-]*")) {
      throw new IllegalArgumentException("invalid purl type: " + type);
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("purl name is empty");
    }
    TreeMap<String, String> q = new TreeMap<>();
    for (Map.Entry<String, String> e : qualifiers.entrySet()) {
      if (!e.getKey().matches("[a-z][a-z0-9._-]*")) {
        throw new IllegalArgumentException("invalid purl qualifier key: " + e.getKey());
      }
      if (e.getValue() != null && !e.getValue().isEmpty()) {
        q.put(e.getKey(), e.getValue());
      }
    }
    qualifiers = Collections.unmodifiableSortedMap(q);
    if (namespace != null && namespace.isEmpty()) {
      namespace = null;
    }
    if (version != null && version.isEmpty()) {
      version = null;
    }
  }

  public static PackageUrl of(String type, @Nullable String namespace, String name, @Nullable String version) {
    return new PackageUrl(type, namespace, name, version, new TreeMap<>());
  }

  /** A copy with one more qualifier (ignored when the value is null or empty). */
  public PackageUrl withQualifier(String key, @Nullable String value) {
    TreeMap<String, String> q = new TreeMap<>(qualifiers);
    if (value != null && !value.isEmpty()) {
      q.put(key, value);
    }
    return new PackageUrl(type, namespace, name, version, q);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("pkg:").append(type).append('/');
    if (namespace != null) {
      for (String segment : namespace.split("/")) {
        if (!segment.isEmpty()) {
          sb.append(encode(segment)).append('/');
        }
      }
    }
    sb.append(encode(name));
    if (version != null) {
      sb.append('@').append(encode(version));
    }
    char sep = '?';
    for (Map.Entry<String, String> e : qualifiers.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(encode(e.getValue()));
      sep = '&';
    }
    return sb.toString();
  }

  /** Percent-encodes {@code s} as UTF-8, keeping ASCII letters, digits, {@code . - _ ~} and {@code :}. */
  public static String encode(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '-' || c == '_' || c == '~' || c == ':') {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
