package io.drydock.model;

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

  /**
   * Parses a package URL. Lenient where writers differ: an unencoded {@code @} in an npm scope
   * ({@code pkg:npm/@types/node@1.0}) is accepted, and the subpath ({@code #…}) is dropped.
   *
   * @throws IllegalArgumentException when {@code text} is not a package URL
   */
  public static PackageUrl parse(String text) {
    if (!text.regionMatches(true, 0, "pkg:", 0, 4)) {
      throw new IllegalArgumentException("not a package URL (no pkg: scheme): " + text);
    }
    String rest = text.substring(4);
    while (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    TreeMap<String, String> qualifiers = new TreeMap<>();
    int q = rest.indexOf('?');
    if (q >= 0) {
      for (String pair : rest.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("purl qualifier without a value: " + text);
        }
        qualifiers.put(pair.substring(0, eq).toLowerCase(java.util.Locale.ROOT), decode(pair.substring(eq + 1)));
      }
      rest = rest.substring(0, q);
    }
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException("purl without a type and name: " + text);
    }
    String type = rest.substring(0, slash).toLowerCase(java.util.Locale.ROOT);
    String path = rest.substring(slash + 1);
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String version = null;
    int at = path.lastIndexOf('@');
    if (at > path.lastIndexOf('/') && at > 0) {
      version = decode(path.substring(at + 1));
      path = path.substring(0, at);
    }
    int lastSlash = path.lastIndexOf('/');
    String name = decode(path.substring(lastSlash + 1));
    String namespace = null;
    if (lastSlash > 0) {
      StringBuilder ns = new StringBuilder();
      for (String segment : path.substring(0, lastSlash).split("/")) {
        if (!segment.isEmpty()) {
          ns.append(ns.length() == 0 ? "" : "/").append(decode(segment));
        }
      }
      namespace = ns.toString();
    }
    return new PackageUrl(type, namespace, name, version, qualifiers);
  }

  /** Percent-decodes {@code s} as UTF-8 ({@code +} stays a plus, as the purl spec says). */
  public static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
        out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        i += Character.charCount(cp);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
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
