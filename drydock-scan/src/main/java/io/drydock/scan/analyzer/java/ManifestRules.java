package io.drydock.scan.analyzer.java;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Identifies an archive that has no matching {@code pom.properties} from its MANIFEST.MF main attributes and its
 * file name. Pure; see the README section "Language analyzers" for the rules and why.
 */
final class ManifestRules {
  private ManifestRules() {}

  /**
   * Artifacts that ship without {@code pom.properties} and without any groupId hint in their manifest. Spring
   * Framework 5.x jars (built with Gradle) carry only {@code Implementation-Title/Version} and
   * {@code Automatic-Module-Name: spring.beans}. Entries ending in '-' are prefixes; others match exactly.
   */
  static final List<Map.Entry<String, String>> KNOWN_GROUPS = List.of(
      Map.entry("spring-boot-", "org.springframework.boot"),
      Map.entry("spring-boot", "org.springframework.boot"),
      Map.entry("spring-security-", "org.springframework.security"),
      Map.entry("spring-aop", "org.springframework"),
      Map.entry("spring-aspects", "org.springframework"),
      Map.entry("spring-beans", "org.springframework"),
      Map.entry("spring-context", "org.springframework"),
      Map.entry("spring-context-indexer", "org.springframework"),
      Map.entry("spring-context-support", "org.springframework"),
      Map.entry("spring-core", "org.springframework"),
      Map.entry("spring-expression", "org.springframework"),
      Map.entry("spring-instrument", "org.springframework"),
      Map.entry("spring-jcl", "org.springframework"),
      Map.entry("spring-jdbc", "org.springframework"),
      Map.entry("spring-jms", "org.springframework"),
      Map.entry("spring-messaging", "org.springframework"),
      Map.entry("spring-orm", "org.springframework"),
      Map.entry("spring-oxm", "org.springframework"),
      Map.entry("spring-r2dbc", "org.springframework"),
      Map.entry("spring-test", "org.springframework"),
      Map.entry("spring-tx", "org.springframework"),
      Map.entry("spring-web", "org.springframework"),
      Map.entry("spring-webflux", "org.springframework"),
      Map.entry("spring-webmvc", "org.springframework"),
      Map.entry("spring-websocket", "org.springframework"));

  /**
   * @param attributes main attributes of MANIFEST.MF (names as written; lookup is case-sensitive as Java's
   *     {@code Attributes.Name} spelling); may be empty when the archive has no manifest
   * @param fileName what the archive's file name says, if it parses
   */
  static Optional<Gav> identify(Map<String, String> attributes, @Nullable JarFileName fileName) {
    // A versioned file name (Maven's artifactId-version.jar) beats the OSGi names, which are often display
    // names ("SnakeYAML") and OSGi versions ("1.33.0" for 1.33); a bare file name comes last.
    String versionedName = fileName == null || fileName.version() == null ? null : fileName.artifactId();
    String artifactId = firstId(
        attributes.get("Implementation-Title"),
        attributes.get("Specification-Title"),
        versionedName,
        attributes.get("Bundle-Name"),
        fileName == null ? null : fileName.artifactId());
    if (artifactId == null) {
      return Optional.empty();
    }
    String version = firstVersion(
        attributes.get("Implementation-Version"),
        attributes.get("Specification-Version"),
        fileName == null ? null : fileName.version(),
        attributes.get("Bundle-Version"));
    if (version == null) {
      return Optional.empty();
    }
    String groupId = groupId(attributes, artifactId);
    return Gav.of(groupId, artifactId, version);
  }

  static @Nullable String groupId(Map<String, String> attributes, String artifactId) {
    String vendorId = strip(attributes.get("Implementation-Vendor-Id"));
    if (Gav.isId(vendorId)) {
      return vendorId;
    }
    String known = knownGroup(artifactId);
    if (known != null) {
      return known;
    }
    return Stream.of(
            prefixBeforeLastDot(attributes.get("Bundle-SymbolicName")),
            prefixBeforeLastDot(attributes.get("Automatic-Module-Name")),
            reverseDomain(attributes.get("Implementation-Vendor")),
            reverseDomain(attributes.get("Specification-Vendor")))
        .filter(s -> s != null)
        .findFirst()
        .orElse(null);
  }

  static @Nullable String knownGroup(String artifactId) {
    for (Map.Entry<String, String> e : KNOWN_GROUPS) {
      String key = e.getKey();
      if (key.endsWith("-") ? artifactId.startsWith(key) : artifactId.equals(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * {@code com.fasterxml.jackson.core.jackson-databind} → {@code com.fasterxml.jackson.core}; OSGi directives
   * after ';' are dropped. Only when the prefix itself has a dot ({@code spring.beans} gives nothing).
   */
  static @Nullable String prefixBeforeLastDot(@Nullable String name) {
    String s = strip(name);
    if (s == null) {
      return null;
    }
    int semi = s.indexOf(';');
    if (semi >= 0) {
      s = s.substring(0, semi).strip();
    }
    int dot = s.lastIndexOf('.');
    if (dot <= 0) {
      return null;
    }
    String prefix = s.substring(0, dot);
    return prefix.indexOf('.') > 0 && Gav.isId(prefix) ? prefix : null;
  }

  /** A vendor string is a groupId only when it looks like one ({@code org.example}); never "FasterXML". */
  static @Nullable String reverseDomain(@Nullable String vendor) {
    String s = strip(vendor);
    return s != null && s.indexOf('.') > 0 && Gav.isId(s) ? s : null;
  }

  private static @Nullable String firstId(@Nullable String... candidates) {
    for (String c : candidates) {
      String s = strip(c);
      if (Gav.isId(s)) {
        return s;
      }
    }
    return null;
  }

  private static @Nullable String firstVersion(@Nullable String... candidates) {
    for (String c : candidates) {
      String s = strip(c);
      if (Gav.isVersion(s)) {
        return s;
      }
    }
    return null;
  }

  private static @Nullable String strip(@Nullable String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }
}
