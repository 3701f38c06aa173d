package io.drydock.scan.analyzer.java;

import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.PackageUrl;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Maven coordinates of one identified archive, validated: ids are Maven id characters, version has no blanks. */
record Gav(String groupId, String artifactId, String version) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final Pattern VERSION = Pattern.compile("[^\\s${}]+");

  Gav {
    if (!isId(groupId) || !isId(artifactId) || !isVersion(version)) {
      throw new IllegalArgumentException("not Maven coordinates: " + groupId + ":" + artifactId + ":" + version);
    }
  }

  /** The coordinates if all three parts are valid, else empty. */
  static Optional<Gav> of(@Nullable String groupId, @Nullable String artifactId, @Nullable String version) {
    if (groupId == null || artifactId == null || version == null) {
      return Optional.empty();
    }
    String g = groupId.strip();
    String a = artifactId.strip();
    String v = version.strip();
    return isId(g) && isId(a) && isVersion(v) ? Optional.of(new Gav(g, a, v)) : Optional.empty();
  }

  static boolean isId(@Nullable String s) {
    return s != null && ID.matcher(s).matches() && !s.startsWith(".") && !s.endsWith(".");
  }

  static boolean isVersion(@Nullable String s) {
    return s != null && VERSION.matcher(s).matches() && Character.isLetterOrDigit(s.charAt(0));
  }

  String name() {
    return groupId + ":" + artifactId;
  }

  Package toPackage(String location) {
    return new Package(PackageType.MAVEN, name(), version, null, null, null,
        PackageUrl.of(PackageType.MAVEN.purlType(), groupId, artifactId, version).toString(), location, null,
        List.of());
  }
}
