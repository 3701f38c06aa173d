package io.drydock.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.drydock.model.Advisory;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.Finding;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Sbom;
import io.drydock.model.Severity;
import io.drydock.model.event.Event;
import io.drydock.policy.filter.FindingFilter;
import io.drydock.policy.filter.IgnoreRule;
import io.drydock.scan.testfixtures.PeerCases;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class ScannerTest {
  static final List<String> CASES = PeerCases.NAMES;
  static final ImageMetadata IMAGE = new ImageMetadata("x", null, null, null, null, null, List.of(), ImageConfig.empty(), List.of());

  /** The peer cases through the facade and the filter: the flags become criteria, ignored ids become rules. */
  @ParameterizedTest
  @FieldSource("CASES")
  void peerCasesThroughScannerAndFilter(String name) {
    JsonNode c = PeerCases.load(name);
    List<Advisory> advisories = PeerCases.advisories(c);
    Sbom sbom = new Sbom(IMAGE, PeerCases.os(c), PeerCases.packages(c), List.of());
    List<String> lookups = new ArrayList<>();
    Scanner.Result r = Scanner.of((eco, n) -> {
      lookups.add(eco + "/" + n);
      return advisories.stream().filter(a -> a.affected().stream().anyMatch(af -> af.ecosystem().equals(eco) && af.name().equals(n))).toList();
    }).scan(sbom);
    assertThat(r.skips()).isEmpty();
    assertThat(lookups).doesNotHaveDuplicates();
    JsonNode flags = c.get("flags");
    Set<Severity> severities = new HashSet<>();
    flags.path("severities").forEach(s -> severities.add(Severity.valueOf(s.asText())));
    List<IgnoreRule> rules = new ArrayList<>();
    flags.get("ignoreIds").forEach(id -> rules.add(new IgnoreRule(id.asText(), List.of(), List.of(), null, null, null, null, "t", "ignorefile")));
    FindingFilter.Outcome o = FindingFilter.apply(r.findings(),
        new FindingFilter.Criteria(severities, flags.get("ignoreUnfixed").asBoolean(), rules, List.of()), IMAGE, LocalDate.parse("2026-01-01"));
    Set<String> actual = new TreeSet<>();
    for (Finding f : o.findings()) {
      actual.add(f.id() + " " + f.pkg().name() + " " + f.pkg().version() + " " + (f.isFixable() ? String.join(",", f.fixedVersions()) : "-"));
    }
    assertThat(actual).containsExactlyElementsOf(PeerCases.expected(c));
    assertThat(o.suppressed()).hasSize(flags.get("ignoreIds").size() == 0 ? 0 : o.suppressed().size());
    for (String prefix : PeerCases.nonFindingPrefixes(c)) {
      assertThat(actual).noneMatch(s -> s.startsWith(prefix));
    }
    assertThat(o.findings()).isSortedAccordingTo((a, b) -> {
      int n = a.pkg().name().compareTo(b.pkg().name());
      return n != 0 ? n : a.id().compareTo(b.id());
    });
  }

  static Package pkg(PackageType type, String name, String version, String source, String sourceVersion) {
    return new Package(type, name, version, source, sourceVersion, null, "pkg:" + type.purlType() + "/" + name + "@" + version, "db", null, List.of());
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
    "DEB, debian, 12.7,   libssl3, 3.0.14-1~deb12u2, openssl, 3.0.15-1~deb12u1, Debian:12,           openssl, 3.0.15-1~deb12u1",
    "APK, alpine, 3.20.3, libssl3, 3.3.2-r0,         openssl, null,             Alpine:v3.20,        openssl, 3.3.2-r0",
    "RPM, rocky,  9.4,    openssl-libs, 1:3.0.7-27.el9, openssl, 1:3.0.7-27.el9, Rocky Linux:9,     openssl-libs, 1:3.0.7-27.el9",
    "RPM, photon, 5.0,    openssl-libs, 3.0.9-1.ph5, openssl, 3.0.9-1.ph5,       Photon OS:5.0,       openssl, 3.0.9-1.ph5",
    "MAVEN, alpine, 3.20.3, g:a, 1.0,                 null,    null,             Maven,               g:a, 1.0",
  })
  void matchKeyUsesTheSourcePackageWhereTheDistroKeysAdvisoriesBySource(PackageType type, String family, String osVersion, String name,
      String version, String source, String sourceVersion, String eco, String keyName, String keyVersion) {
    Sbom sbom = new Sbom(IMAGE, new OsInfo(family, osVersion, null), List.of(), List.of());
    assertThat(Scanner.matchKey(pkg(type, name, version, source, sourceVersion), sbom))
        .contains(new Scanner.MatchKey(eco, keyName, keyVersion));
  }

  @Test
  void packagesWithoutAnEcosystemAreCountedSkips() {
    Sbom sbom = new Sbom(IMAGE, null, List.of(pkg(PackageType.DEB, "libc6", "2.36-9", "glibc", null)), List.of());
    Scanner.Result r = Scanner.of((e, n) -> List.of()).scan(sbom);
    assertThat(r.findings()).isEmpty();
    assertThat(r.skips()).singleElement().satisfies(s -> assertThat(s.reason()).contains("deb packages on an unknown OS"));
  }

  @Test
  void thePackageListedTwiceGivesOneFindingPerVulnerability() {
    Advisory a = new Advisory("GHSA-1", List.of("CVE-2020-1234"), null, null, null, null, Severity.HIGH, List.of(),
        List.of(new Advisory.Affected("npm", "lodash", List.of(new Advisory.Range(Advisory.RangeType.SEMVER,
            List.of(new Advisory.Introduced("0"), new Advisory.Fixed("4.17.21")))), List.of())));
    Package lodash = pkg(PackageType.NPM, "lodash", "4.17.15", null, null);
    Sbom sbom = new Sbom(IMAGE, null, List.of(lodash, lodash), List.of());
    Scanner.Result r = Scanner.of((e, n) -> List.of(a)).scan(sbom);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.id()).isEqualTo("CVE-2020-1234");
      assertThat(f.fixedVersions()).containsExactly("4.17.21");
    });
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
    "PT1H,  P2D, null, ok",
    "P3D,   P2D, null, warn",
    "P3D,   P2D, P7D,  warn",
    "P8D,   P2D, P7D,  fail",
    "PT47H, P2D, PT46H, fail",
  })
  void dbAge(Duration age, Duration warn, Duration max, String outcome) {
    Instant now = Instant.parse("2026-06-15T12:00:00Z");
    List<Event> events = new ArrayList<>();
    if (outcome.equals("fail")) {
      assertThatThrownBy(() -> Scanner.checkDbAge(now.minus(age), now, warn, max, events::add))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.DB);
            assertThat(e.getMessage()).contains("older than the allowed");
          });
      return;
    }
    Scanner.checkDbAge(now.minus(age), now, warn, max, events::add);
    assertThat(events).hasSize(outcome.equals("warn") ? 1 : 0);
    events.forEach(e -> assertThat(((Event.Warning) e).message()).contains("3 days ago"));
  }
}
