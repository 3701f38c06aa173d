package io.drydock.policy.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Digest;
import io.drydock.model.Finding;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FindingFilterTest {
  static final LocalDate TODAY = LocalDate.parse("2026-06-15");
  static final Digest MANIFEST = Digest.parse("sha256:" + "ab".repeat(32));
  static final ImageMetadata IMAGE =
      new ImageMetadata("registry.example/app:1", null, null, MANIFEST, null, null, List.of(), ImageConfig.empty(), List.of());

  static final Package LIBSSL = new Package(PackageType.APK, "libssl3", "3.3.2-r0", "openssl", null, "x86_64",
      "pkg:apk/alpine/libssl3@3.3.2-r0?arch=x86_64&distro=3.20.3", "lib/apk/db/installed", null, List.of());
  static final Package LIBCRYPTO = new Package(PackageType.APK, "libcrypto3", "3.3.2-r0", "openssl", null, "x86_64",
      "pkg:apk/alpine/libcrypto3@3.3.2-r0?arch=x86_64&distro=3.20.3", "lib/apk/db/installed", null, List.of());
  static final Package LOG4J = new Package(PackageType.MAVEN, "org.apache.logging.log4j:log4j-core", "2.14.1", null, null, null,
      "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "app/lib/log4j-core-2.14.1.jar", null, List.of());

  static Finding finding(Package p, String id, Severity severity, String... fixed) {
    return new Finding(p, "x", id, List.of("GHSA-" + id.hashCode()), List.of(id), severity, null,
        fixed.length == 0 ? Finding.Status.AFFECTED : Finding.Status.FIXED, List.of(fixed), null, "osv");
  }

  static final List<Finding> FINDINGS = List.of(
      finding(LIBSSL, "CVE-2024-9143", Severity.LOW, "3.3.2-r1"),
      finding(LIBCRYPTO, "CVE-2024-9143", Severity.LOW, "3.3.2-r1"),
      finding(LIBSSL, "CVE-2025-9230", Severity.HIGH, "3.3.5-r0"),
      finding(LIBSSL, "CVE-2026-0001", Severity.CRITICAL),
      finding(LOG4J, "CVE-2021-44228", Severity.CRITICAL, "2.15.0"),
      finding(LOG4J, "CVE-2099-0001", Severity.UNKNOWN));

  static String key(Finding f) {
    return f.pkg().name() + "/" + f.id();
  }

  static Set<Severity> severities(String list) {
    return list.isBlank() ? Set.<Severity>of() : Arrays.stream(list.split(",")).map(Severity::valueOf).collect(Collectors.toSet());
  }

  static IgnoreRule rule(String id, LocalDate expires) {
    return new IgnoreRule(id, List.of(), List.of(), null, null, null, expires, ".trivyignore:1", "ignorefile");
  }

  @ParameterizedTest(name = "severity={0} unfixed={1}")
  @CsvSource(delimiter = '|', value = {
    "                  | false | libssl3/CVE-2024-9143 libcrypto3/CVE-2024-9143 libssl3/CVE-2025-9230 libssl3/CVE-2026-0001 org.apache.logging.log4j:log4j-core/CVE-2021-44228 org.apache.logging.log4j:log4j-core/CVE-2099-0001 | 0 | 0",
    "HIGH,CRITICAL     | false | libssl3/CVE-2025-9230 libssl3/CVE-2026-0001 org.apache.logging.log4j:log4j-core/CVE-2021-44228 | 3 | 0",
    "HIGH,CRITICAL     | true  | libssl3/CVE-2025-9230 org.apache.logging.log4j:log4j-core/CVE-2021-44228 | 3 | 1",
    "                  | true  | libssl3/CVE-2024-9143 libcrypto3/CVE-2024-9143 libssl3/CVE-2025-9230 org.apache.logging.log4j:log4j-core/CVE-2021-44228 | 0 | 2",
    "UNKNOWN           | false | org.apache.logging.log4j:log4j-core/CVE-2099-0001 | 5 | 0",
    "MEDIUM            | false | | 6 | 0",
  })
  void severityAndUnfixedFiltersDropFindingsAsTrivyDoes(String sev, boolean unfixed, String expected, int bySeverity, int droppedUnfixed) {
    FindingFilter.Outcome o = FindingFilter.apply(FINDINGS,
        new FindingFilter.Criteria(severities(sev == null ? "" : sev), unfixed, List.of(), List.of()), IMAGE, TODAY);
    assertThat(o.findings()).extracting(FindingFilterTest::key)
        .containsExactlyElementsOf(expected == null ? List.of() : List.of(expected.split(" ")));
    assertThat(o.suppressed()).isEmpty();
    assertThat(o.droppedBySeverity()).isEqualTo(bySeverity);
    assertThat(o.droppedUnfixed()).isEqualTo(droppedUnfixed);
  }

  static Stream<Arguments> rules() {
    LocalDate future = TODAY.plusDays(1);
    return Stream.of(
        Arguments.of("id matches every package", rule("CVE-2024-9143", null), "libssl3/CVE-2024-9143 libcrypto3/CVE-2024-9143", false),
        Arguments.of("ids are case-insensitive", rule("cve-2021-44228", null), "org.apache.logging.log4j:log4j-core/CVE-2021-44228", false),
        Arguments.of("an alias matches", rule("GHSA-" + "CVE-2025-9230".hashCode(), null), "libssl3/CVE-2025-9230", false),
        Arguments.of("not yet expired", rule("CVE-2025-9230", future), "libssl3/CVE-2025-9230", false),
        Arguments.of("expires today: no longer suppresses", rule("CVE-2025-9230", TODAY), "", true),
        Arguments.of("expired yesterday", rule("CVE-2025-9230", TODAY.minusDays(1)), "", true),
        Arguments.of("purl without version narrows to one package",
            new IgnoreRule("CVE-2024-9143", List.of(), List.of("pkg:apk/alpine/libcrypto3"), null, null, null, null, "y", "ignorefile"),
            "libcrypto3/CVE-2024-9143", false),
        Arguments.of("purl with another version matches nothing",
            new IgnoreRule("CVE-2024-9143", List.of(), List.of("pkg:apk/alpine/libcrypto3@3.3.1-r0"), null, null, null, null, "y", "ignorefile"),
            "", false),
        Arguments.of("purl qualifier must agree",
            new IgnoreRule("CVE-2024-9143", List.of(), List.of("pkg:apk/alpine/libssl3?arch=aarch64"), null, null, null, null, "y", "ignorefile"),
            "", false),
        Arguments.of("path glob",
            new IgnoreRule("CVE-2021-44228", List.of("app/**/*.jar"), List.of(), null, null, null, null, "y", "ignorefile"),
            "org.apache.logging.log4j:log4j-core/CVE-2021-44228", false),
        Arguments.of("path glob with leading slash",
            new IgnoreRule("CVE-2021-44228", List.of("/app/lib/log4j-*.jar"), List.of(), null, null, null, null, "y", "ignorefile"),
            "org.apache.logging.log4j:log4j-core/CVE-2021-44228", false),
        Arguments.of("path glob that does not match",
            new IgnoreRule("CVE-2021-44228", List.of("opt/*.jar"), List.of(), null, null, null, null, "y", "ignorefile"), "", false),
        Arguments.of("exception by source package name",
            new IgnoreRule("CVE-2024-9143", List.of(), List.of(), "openssl", "unreachable", "alice", future, "e", "exception"),
            "libssl3/CVE-2024-9143 libcrypto3/CVE-2024-9143", false),
        Arguments.of("exception by binary package name",
            new IgnoreRule("CVE-2024-9143", List.of(), List.of(), "libssl3", "unreachable", "alice", future, "e", "exception"),
            "libssl3/CVE-2024-9143", false),
        Arguments.of("exception for another package",
            new IgnoreRule("CVE-2024-9143", List.of(), List.of(), "zlib", "unreachable", "alice", future, "e", "exception"), "", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void ignoreRulesSuppressWhatTheyMatchUntilTheyExpire(String name, IgnoreRule rule, String suppressed, boolean expired) {
    FindingFilter.Outcome o = FindingFilter.apply(FINDINGS, new FindingFilter.Criteria(Set.of(), false, List.of(rule), List.of()), IMAGE, TODAY);
    List<String> expected = suppressed.isEmpty() ? List.of() : List.of(suppressed.split(" "));
    assertThat(o.suppressed()).extracting(s -> key(s.finding())).containsExactlyElementsOf(expected);
    assertThat(o.findings()).hasSize(FINDINGS.size() - expected.size());
    o.suppressed().forEach(s -> {
      assertThat(s.source()).isEqualTo(rule.source());
      assertThat(s.kind()).isEqualTo(rule.kind());
      assertThat(s.owner()).isEqualTo(rule.owner());
    });
    assertThat(o.expired()).hasSize(expired ? 1 : 0);
    if (expired) {
      assertThat(o.expired().get(0)).isEqualTo(new ScanReport.ExpiredRule(rule.id(), rule.source(), rule.expires(), null));
    }
  }

  @Test
  void severityFilteredFindingsAreNotReportedAsSuppressed() {
    FindingFilter.Outcome o = FindingFilter.apply(FINDINGS,
        new FindingFilter.Criteria(EnumSet.of(Severity.CRITICAL), false, List.of(rule("CVE-2024-9143", null)), List.of()), IMAGE, TODAY);
    assertThat(o.suppressed()).isEmpty();
  }

  static VexStatement vex(String vuln, VexStatement.Status status, String product, String... subcomponents) {
    return new VexStatement(List.of(vuln), List.of(new VexStatement.Product(product, List.of(subcomponents))), status, "vulnerable_code_not_in_execute_path",
        null, "app.vex.json#1");
  }

  static Stream<Arguments> vexCases() {
    String imagePurl = "pkg:oci/app@" + MANIFEST.toString().replace(":", "%3A") + "?repository_url=registry.example/app";
    return Stream.of(
        Arguments.of("not_affected for the package purl", List.of(vex("CVE-2021-44228", VexStatement.Status.NOT_AFFECTED,
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")), "org.apache.logging.log4j:log4j-core/CVE-2021-44228"),
        Arguments.of("fixed suppresses too", List.of(vex("CVE-2021-44228", VexStatement.Status.FIXED,
            "pkg:maven/org.apache.logging.log4j/log4j-core")), "org.apache.logging.log4j:log4j-core/CVE-2021-44228"),
        Arguments.of("affected keeps", List.of(vex("CVE-2021-44228", VexStatement.Status.AFFECTED,
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")), ""),
        Arguments.of("under_investigation keeps", List.of(vex("CVE-2021-44228", VexStatement.Status.UNDER_INVESTIGATION,
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")), ""),
        Arguments.of("image by pkg:oci digest with a subcomponent", List.of(vex("CVE-2024-9143", VexStatement.Status.NOT_AFFECTED,
            imagePurl, "pkg:apk/alpine/libssl3")), "libssl3/CVE-2024-9143"),
        Arguments.of("image by name without subcomponents covers every package", List.of(vex("CVE-2024-9143",
            VexStatement.Status.NOT_AFFECTED, "registry.example/app:1")), "libssl3/CVE-2024-9143 libcrypto3/CVE-2024-9143"),
        Arguments.of("another image", List.of(vex("CVE-2024-9143", VexStatement.Status.NOT_AFFECTED,
            "pkg:oci/app@sha256%3A" + "00".repeat(32))), ""),
        Arguments.of("another vulnerability", List.of(vex("CVE-2024-0000", VexStatement.Status.NOT_AFFECTED,
            "pkg:apk/alpine/libssl3")), ""),
        Arguments.of("the last statement wins", List.of(
            vex("CVE-2021-44228", VexStatement.Status.NOT_AFFECTED, "pkg:maven/org.apache.logging.log4j/log4j-core"),
            vex("CVE-2021-44228", VexStatement.Status.AFFECTED, "pkg:maven/org.apache.logging.log4j/log4j-core")), ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vexCases")
  void vexStatementsSuppressNotAffectedAndFixed(String name, List<VexStatement> vex, String suppressed) {
    FindingFilter.Outcome o = FindingFilter.apply(FINDINGS, new FindingFilter.Criteria(Set.of(), false, List.of(), vex), IMAGE, TODAY);
    List<String> expected = suppressed.isEmpty() ? List.of() : List.of(suppressed.split(" "));
    assertThat(o.suppressed()).extracting(s -> key(s.finding())).containsExactlyElementsOf(expected);
    o.suppressed().forEach(s -> {
      assertThat(s.kind()).isEqualTo("vex");
      assertThat(s.statement()).startsWith(s.statement().startsWith("fixed") ? "fixed" : "not_affected: vulnerable_code_not_in_execute_path");
    });
  }

  @ParameterizedTest
  @CsvSource({
    "app/**/*.jar, app/lib/x.jar, true",
    "app/**/*.jar, app/x.jar, true",
    "app/**/*.jar, opt/app/x.jar, false",
    "app/**, app/lib/x.jar!/BOOT-INF/lib/y.jar, true",
    "*.jar, app/x.jar, false",
    "usr/lib/python3.?/**, usr/lib/python3.9/site-packages/a/METADATA, true",
    "a.b, axb, false",
  })
  void globs(String pattern, String path, boolean matches) {
    assertThat(FindingFilter.glob(pattern, path)).isEqualTo(matches);
  }
}
