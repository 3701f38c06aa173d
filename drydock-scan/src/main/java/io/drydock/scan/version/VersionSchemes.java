package io.drydock.scan.version;

import java.util.Optional;

/** The version scheme of each OSV ecosystem, and each scheme by name. */
public final class VersionSchemes {

  private static final VersionScheme DPKG = new DpkgVersionScheme();
  private static final VersionScheme RPM = new RpmVersionScheme();
  private static final VersionScheme APK = new ApkVersionScheme();
  private static final VersionScheme MAVEN = new MavenVersionScheme();
  private static final VersionScheme SEMVER = new NpmSemverScheme();
  private static final VersionScheme PEP440 = new Pep440VersionScheme();
  private static final VersionScheme GO = new GoVersionScheme();
  private static final VersionScheme RUBYGEMS = new RubyGemsVersionScheme();
  private static final VersionScheme COMPOSER = new ComposerVersionScheme();
  private static final VersionScheme NUGET = new NuGetVersionScheme();

  private VersionSchemes() {}

  public static VersionScheme dpkg() {
    return DPKG;
  }

  public static VersionScheme rpm() {
    return RPM;
  }

  public static VersionScheme apk() {
    return APK;
  }

  public static VersionScheme maven() {
    return MAVEN;
  }

  /** node-semver order (npm); also used for SemVer-typed OSV ranges. */
  public static VersionScheme semver() {
    return SEMVER;
  }

  public static VersionScheme pep440() {
    return PEP440;
  }

  public static VersionScheme go() {
    return GO;
  }

  /** RubyGems' {@code Gem::Version} order. */
  public static VersionScheme rubygems() {
    return RUBYGEMS;
  }

  /** Composer's normalisation, then PHP's {@code version_compare} (Packagist). */
  public static VersionScheme composer() {
    return COMPOSER;
  }

  /** NuGet.Versioning's order (SemVer 2.0 labels, four-part legacy versions, case-insensitive). */
  public static VersionScheme nuget() {
    return NUGET;
  }

  /**
   * The scheme of an OSV ecosystem string as OSV writes it ({@code Debian:12}, {@code Alpine:v3.20},
   * {@code Ubuntu:22.04:LTS}, {@code Red Hat}, {@code Maven}, {@code npm}, {@code PyPI}, {@code Go}); the part
   * after the first {@code :} (the release) does not change the scheme. Empty for ecosystems without one.
   */
  public static Optional<VersionScheme> forEcosystem(String ecosystem) {
    int colon = ecosystem.indexOf(':');
    String base = colon >= 0 ? ecosystem.substring(0, colon) : ecosystem;
    return Optional.ofNullable(
        switch (base) {
          case "Debian", "Ubuntu" -> DPKG;
          case "Alpine", "Wolfi", "Chainguard" -> APK;
          case "Red Hat", "Rocky Linux", "AlmaLinux", "openSUSE", "SUSE", "Mageia", "openEuler", "Photon OS",
              "Azure Linux", "Oracle Linux", "Amazon Linux", "CentOS", "Fedora" -> RPM;
          case "Maven" -> MAVEN;
          case "npm", "crates.io" -> SEMVER;
          case "PyPI" -> PEP440;
          case "Go" -> GO;
          case "RubyGems" -> RUBYGEMS;
          case "Packagist" -> COMPOSER;
          case "NuGet" -> NUGET;
          default -> null;
        });
  }

  /** The scheme for an OSV range type {@code SEMVER}: SemVer 2.0 precedence (node-semver order). */
  public static VersionScheme forSemverRanges() {
    return SEMVER;
  }
}
