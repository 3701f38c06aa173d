package io.drydock.scan.purl;

import io.drydock.model.PackageType;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds package URLs ({@code pkg:type/namespace/name@version}) as the purl specification encodes them: each
 * namespace segment, the name and the version are percent-encoded (UTF-8) except for the unreserved characters
 * {@code A-Z a-z 0-9 . - _ ~}. Ecosystem-specific normalisation (PyPI lower-case, npm scope) is the caller's job.
 *
 * <p>Written here rather than taken from packageurl-java: only building is needed, and the encoder is a dozen
 * lines with table tests.
 */
public final class Purl {
  private Purl() {}

  /**
   * @param namespace '/'-separated segments (Maven groupId, npm {@code @scope}, Go module path prefix); null or
   *     empty for none
   */
  public static String of(PackageType type, @Nullable String namespace, String name, String version) {
    Objects.requireNonNull(type, "type");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("purl name is empty");
    }
    StringBuilder sb = new StringBuilder("pkg:").append(type.purlType()).append('/');
    if (namespace != null && !namespace.isEmpty()) {
      for (String segment : namespace.split("/", -1)) {
        if (!segment.isEmpty()) {
          sb.append(encode(segment)).append('/');
        }
      }
    }
    sb.append(encode(name));
    if (!version.isEmpty()) {
      sb.append('@').append(encode(version));
    }
    return sb.toString();
  }

  /** Percent-encodes everything but the unreserved characters. */
  public static String encode(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '-' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
