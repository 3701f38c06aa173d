package io.drydock.scan.analyzer.java;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an archive's file name says: {@code log4j-core-2.14.1.jar} → artifactId {@code log4j-core}, version
 * {@code 2.14.1}. The artifactId is the longest prefix followed by {@code -<digit>} (Trivy's rule), so
 * {@code log4j-1.2-api-2.17.1.jar} gives {@code log4j-1.2-api}.
 *
 * @param version null when the name has no version part
 */
record JarFileName(String artifactId, @Nullable String version) {
  private static final Pattern NAME_VERSION = Pattern.compile("^([A-Za-z0-9._\\-]*[A-Za-z0-9._])-(\\d\\S*)$");
  static final java.util.List<String> EXTENSIONS =
      java.util.List.of(".jar", ".war", ".ear", ".par", ".sar", ".jpi", ".hpi");

  /** True when the path's file name ends with one of the Java archive extensions (any case). */
  static boolean isArchive(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    int slash = lower.lastIndexOf('/');
    String base = lower.substring(slash + 1);
    for (String ext : EXTENSIONS) {
      if (base.endsWith(ext) && base.length() > ext.length()) {
        return true;
      }
    }
    return false;
  }

  /** Parses the last path segment; empty when it is not a Java archive name or has no usable artifactId. */
  static Optional<JarFileName> parse(String path) {
    if (!isArchive(path)) {
      return Optional.empty();
    }
    String base = path.substring(path.lastIndexOf('/') + 1);
    String stem = base.substring(0, base.length() - 4);
    Matcher m = NAME_VERSION.matcher(stem);
    if (m.matches() && Gav.isId(m.group(1)) && Gav.isVersion(m.group(2))) {
      return Optional.of(new JarFileName(m.group(1), m.group(2)));
    }
    return Gav.isId(stem) ? Optional.of(new JarFileName(stem, null)) : Optional.empty();
  }
}
