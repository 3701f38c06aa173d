package io.drydock.scan.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Advisory;
import io.drydock.model.Finding;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherTest {

  /** Events written compactly: {@code i:1.0 f:2.0 l:3.0 m:4.0} (introduced, fixed, last_affected, limit). */
  static List<Advisory.Event> events(String spec) {
    List<Advisory.Event> out = new ArrayList<>();
    for (String e : spec.trim().split("\\s+")) {
      String v = e.substring(2);
      out.add(
          switch (e.charAt(0)) {
            case 'i' -> new Advisory.Introduced(v);
            case 'f' -> new Advisory.Fixed(v);
            case 'l' -> new Advisory.LastAffected(v);
            default -> new Advisory.Limit(v);
          });
    }
    return out;
  }

  static Advisory advisory(String id, List<String> aliases, String eco, String name, List<Advisory.Range> ranges, List<String> versions) {
    return new Advisory(id, aliases, "s " + id, null, null, null, Severity.UNKNOWN, List.of(),
        List.of(new Advisory.Affected(eco, name, ranges, versions)));
  }

  static Package npm(String name, String version) {
    return TestPackages.pkg(PackageType.NPM, name, version, null, "package-lock.json");
  }

  @ParameterizedTest(name = "{0} in [{1}] -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0.0 | i:0 f:2.0.0 | true",
        "2.0.0 | i:0 f:2.0.0 | false",
        "0.9.0 | i:1.0.0 f:2.0.0 | false",
        "1.0.0 | i:1.0.0 f:2.0.0 | true",
        "1.5.0 | i:1.0.0 l:1.5.0 | true",
        "1.5.1 | i:1.0.0 l:1.5.0 | false",
        "3.0.0 | i:1.0.0 | true",
        // several introduced/fixed pairs in one range, listed out of order
        "1.5.0 | f:2.0.0 i:3.0.0 f:3.1.0 i:1.0.0 | true",
        "2.5.0 | f:2.0.0 i:3.0.0 f:3.1.0 i:1.0.0 | false",
        "3.0.5 | f:2.0.0 i:3.0.0 f:3.1.0 i:1.0.0 | true",
        "3.1.0 | f:2.0.0 i:3.0.0 f:3.1.0 i:1.0.0 | false",
        // limit: versions at or above it are outside the range
        "4.0.0 | i:0 m:3.0.0 | false",
        "2.0.0 | i:0 m:3.0.0 | true",
        "9.0.0 | i:0 m:* | true",
        // pre-releases order before their release
        "2.0.0-rc.1 | i:0 f:2.0.0 | true",
      })
  void rangeEvaluationFollowsTheOsvAlgorithm(String version, String spec, boolean affected) {
    Advisory a = advisory("GHSA-x", List.of(), "npm", "p",
        List.of(new Advisory.Range(Advisory.RangeType.SEMVER, events(spec))), List.of());
    assertThat(Matcher.match(npm("p", version), "npm", List.of(a)).findings()).hasSize(affected ? 1 : 0);
  }

  @Test
  void aVersionInTheVersionsListIsAffectedWithoutARange() {
    Advisory a = advisory("PYSEC-1", List.of(), "PyPI", "zope.interface", List.of(), List.of("5.4", "6.0"));
    Package p = TestPackages.pkg(PackageType.PYPI, "Zope_Interface", "6.0.0", null, "site-packages");
    assertThat(Matcher.match(p, "PyPI", List.of(a)).findings()).singleElement().satisfies(f -> assertThat(f.fixedVersions()).isEmpty());
  }

  @Test
  void withdrawnAdvisoriesAreIgnored() {
    Advisory a = new Advisory("GHSA-w", List.of(), null, null, null, Instant.parse("2024-01-01T00:00:00Z"), Severity.HIGH,
        List.of(), List.of(new Advisory.Affected("npm", "p", List.of(new Advisory.Range(Advisory.RangeType.SEMVER, events("i:0"))), List.of())));
    assertThat(Matcher.match(npm("p", "1.0.0"), "npm", List.of(a)).findings()).isEmpty();
  }

  @Test
  void advisoriesSharingAnAliasAreOneFindingWithTheCveAsIdAndEveryFix() {
    Advisory ghsa = new Advisory("GHSA-a", List.of("CVE-2024-1234"), "from ghsa", null, null, null, Severity.MEDIUM, List.of(),
        List.of(new Advisory.Affected("npm", "p", List.of(new Advisory.Range(Advisory.RangeType.SEMVER, events("i:0 f:1.2.0"))), List.of())));
    Advisory other = new Advisory("OSV-b", List.of("CVE-2024-1234"), "from osv", null, null, null, Severity.HIGH, List.of(),
        List.of(new Advisory.Affected("npm", "p", List.of(
            new Advisory.Range(Advisory.RangeType.SEMVER, events("i:0 f:1.1.5")),
            new Advisory.Range(Advisory.RangeType.SEMVER, events("i:0 f:1.1.5"))), List.of())));
    List<Finding> f = Matcher.match(npm("p", "1.0.0"), "npm", List.of(ghsa, other)).findings();
    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.id()).isEqualTo("CVE-2024-1234");
      assertThat(x.aliases()).containsExactly("GHSA-a", "OSV-b");
      assertThat(x.advisoryIds()).containsExactly("GHSA-a", "OSV-b");
      assertThat(x.severity()).isEqualTo(Severity.HIGH);
      assertThat(x.fixedVersions()).containsExactly("1.1.5", "1.2.0");
    });
  }

  @Test
  void otherEcosystemsAndNamesDoNotMatch() {
    Advisory a = advisory("GHSA-x", List.of(), "NuGet", "p", List.of(new Advisory.Range(Advisory.RangeType.ECOSYSTEM, events("i:0"))), List.of());
    Advisory b = advisory("GHSA-y", List.of(), "npm", "q", List.of(new Advisory.Range(Advisory.RangeType.SEMVER, events("i:0"))), List.of());
    assertThat(Matcher.match(npm("p", "1.0.0"), "npm", List.of(a, b)).findings()).isEmpty();
  }

  @Test
  void gitRangesAreNotEvaluated() {
    Advisory a = advisory("OSV-g", List.of(), "npm", "p", List.of(new Advisory.Range(Advisory.RangeType.GIT, events("i:0 f:abcdef"))), List.of());
    assertThat(Matcher.match(npm("p", "1.0.0"), "npm", List.of(a)).findings()).isEmpty();
  }

  @Test
  void anInvalidInstalledVersionIsASkipNotAGuess() {
    Advisory a = advisory("PYSEC-1", List.of(), "PyPI", "p", List.of(new Advisory.Range(Advisory.RangeType.ECOSYSTEM, events("i:0"))), List.of());
    Package p = TestPackages.pkg(PackageType.PYPI, "p", "not a version", null, "x");
    MatchResult r = Matcher.match(p, "PyPI", List.of(a));
    assertThat(r.findings()).isEmpty();
    assertThat(r.skips()).singleElement().satisfies(s -> assertThat(s.reason()).contains("not valid for pep440"));
  }

  @Test
  void debianEpochsAndTildesUseDpkgOrder() {
    Advisory a = advisory("DSA-1", List.of("CVE-2023-9"), "Debian:12", "openssl",
        List.of(new Advisory.Range(Advisory.RangeType.ECOSYSTEM, events("i:0 f:3.0.11-1~deb12u2"))), List.of());
    Package old = TestPackages.pkg(PackageType.DEB, "libssl3", "3.0.11-1~deb12u1", "openssl", "var/lib/dpkg/status");
    Package fixed = TestPackages.pkg(PackageType.DEB, "libssl3", "3.0.11-1~deb12u2", "openssl", "var/lib/dpkg/status");
    assertThat(Matcher.match(old, "Debian:12", "openssl", old.version(), List.of(a)).findings()).hasSize(1);
    assertThat(Matcher.match(fixed, "Debian:12", "openssl", fixed.version(), List.of(a)).findings()).isEmpty();
  }
}
