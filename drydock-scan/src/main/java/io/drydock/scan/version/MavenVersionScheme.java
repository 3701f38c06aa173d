package io.drydock.scan.version;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * Maven's order, delegated to {@code org.apache.maven:maven-artifact} {@link ComparableVersion} (the
 * implementation Maven itself uses; pinned by the parent pom at 3.10.0, whose edge cases differ from older
 * Maven releases). Every non-blank string is a Maven version.
 */
final class MavenVersionScheme implements VersionScheme {

  @Override
  public String name() {
    return "maven";
  }

  @Override
  public int compare(String a, String b) {
    return Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)));
  }

  @Override
  public boolean isValid(String version) {
    return !version.isBlank();
  }
}
