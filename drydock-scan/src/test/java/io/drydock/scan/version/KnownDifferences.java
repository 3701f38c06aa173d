package io.drydock.scan.version;

import java.util.Map;

/**
 * Pairs of the vendored vector files on which the file and the ecosystem's real tool disagree, pinned to the
 * tool's answer. Each entry is {@code "A op B"} as the file writes it, mapped to the oracle's answer.
 */
final class KnownDifferences {
  private KnownDifferences() {}

  /**
   * apk-tools 2.14.4 (Alpine 3.20, checked with {@code apk version -t} in localhost/fixtures/alpine:3.20.3)
   * against alpine-versions.txt, whose comments say these pairs are how the newer apk (3.x) orders them. Alpine
   * 3.20's own apk is what decides whether an installed package is fixed, so we follow 2.14.4.
   */
  private static final Map<String, Integer> APK_2_14 =
      Map.of(
          "1-r-0 < 1-r0", 1,
          "1-r-1 < 1-r0", 1,
          "0.r1 < 0r2", 1,
          "0.8.21.r2 < 0.8.21r2", 1,
          "1.2.0A < 1.2.0d", 1,
          "1.2.0D < 1.2.0d", 1,
          "1 > 1-ruff", -1,
          "1-ruff2 = 1--ruff1", -1);

  /**
   * maven-artifact 3.10.0 ComparableVersion (the version the project pins; 3.9.6 answers the same) against the
   * vector files, which follow older Maven semantics (maven-artifact 3.2.5 differs on only 2 of the generated
   * pairs).
   */
  private static final Map<String, Integer> MAVEN_3_10_HAND =
      Map.of("1-1 = 1-ga-1", 1);

  private static final Map<String, Integer> MAVEN_3_10_GENERATED =
      Map.ofEntries(
          Map.entry("1.0.0-RC16 < 1.0.0.RC8-beta", 1),
          Map.entry("1.0.0-gradle-rework-beta3 < 1.0.0.RC7-3", 1),
          Map.entry("2.9.0-1 < 2.9.0.RC1", 1),
          Map.entry("6.1.12.rc5 < 6.1.12rc1", 1),
          Map.entry("1.1.31.sec10 < 1.1.31_noneautotype", 1),
          Map.entry("1.1.34.sec10 < 1.1.34_noneautotype", 1),
          Map.entry("1.1.46.sec10 < 1.1.46_noneautotype", 1),
          Map.entry("1.2.8.sec10_noneautotype < 1.2.8_noneautotype", 1),
          Map.entry("1.2.31.sec10 < 1.2.31_noneautotype", 1),
          Map.entry("1.2.48.sec10 < 1.2.48_noneautotype", 1),
          Map.entry("1.2.50.sec10 < 1.2.50_noneautotype", 1),
          Map.entry("1.2.54.sec10 < 1.2.54_noneautotype", 1),
          Map.entry("1.2.57.sec10 < 1.2.57_noneautotype", 1),
          Map.entry("1.2.60.sec10 < 1.2.60_noneautotype", 1),
          Map.entry("1.2.67.sec10 < 1.2.67_noneautotype", 1),
          Map.entry("1.0.0rc0 < 1.0.beta8", 1),
          Map.entry("1.5.9.RC1 < 1.5.9-RC0", 1),
          Map.entry("1.1.0-01-glassfish < 1.1.0.Beta1", 1));

  static Map<String, Integer> pinned(String file) {
    return switch (file) {
      case "alpine-versions.txt" -> APK_2_14;
      case "maven-versions.txt" -> MAVEN_3_10_HAND;
      case "maven-versions-generated.txt" -> MAVEN_3_10_GENERATED;
      default -> Map.of();
    };
  }

  /**
   * How many pairs of each file the oracle refuses to compare: node-semver 7.8.6 throws on numbers above
   * 2^53-1 and on {@code 1.1.3.4.5}; packaging 26.2 raises InvalidVersion on legacy, non-PEP 440 strings.
   */
  static int expectedRejected(String file) {
    return switch (file) {
      case "semver-versions.txt" -> 3;
      case "pypi-versions.txt" -> 11;
      case "pypi-versions-generated.txt" -> 69;
      default -> 0;
    };
  }

  static boolean rejectedByOracle(String file, VersionScheme scheme, VectorFile p) {
    if (expectedRejected(file) == 0) {
      return false;
    }
    return !scheme.isValid(p.a()) || !scheme.isValid(p.b());
  }
}
