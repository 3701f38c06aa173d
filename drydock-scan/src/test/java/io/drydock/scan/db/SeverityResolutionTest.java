package io.drydock.scan.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Advisory;
import io.drydock.model.Finding;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.event.EventSink;
import io.drydock.scan.match.Matcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Severity resolution at import, end to end through the matcher: the record's CVSS vector, else its
 * {@code database_specific.severity}, else an alias record's, else the distribution's rating, else UNKNOWN.
 * Real records: the Alpine secdb openssl file and Log4Shell's GHSA; the CVE record that gives ALPINE-CVE-2024-9143
 * its severity is written here in the shape of osv.dev's NVD-derived CVE records, with NVD's vector for it.
 */
class SeverityResolutionTest {
  @TempDir static Path tmp;
  static Path db;
  static ImportSummary summary;

  @BeforeAll
  static void importFixtures() throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    Files.copy(Resources.of("/advisories/alpine/v3.20/main/openssl.json"), src.resolve("openssl.json"));
    Files.writeString(src.resolve("CVE-2024-9143.json"), """
        {"id": "CVE-2024-9143", "modified": "2024-11-01T00:00:00Z",
         "summary": "Low-level invalid GF(2^m) parameters lead to OOB memory access",
         "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H"}],
         "affected": []}
        """);
    Files.writeString(src.resolve("gh-only.json"), """
        {"id": "GHSA-only-severity", "modified": "2024-01-01T00:00:00Z", "database_specific": {"severity": "MODERATE"},
         "affected": [{"package": {"ecosystem": "npm", "name": "p"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}
        """);
    Files.writeString(src.resolve("debian.json"), """
        {"id": "DEBIAN-CVE-2023-0001", "modified": "2024-01-01T00:00:00Z",
         "affected": [{"package": {"ecosystem": "Debian:12", "name": "zlib"}, "ranges": [{"type": "ECOSYSTEM",
           "events": [{"introduced": "0"}]}], "ecosystem_specific": {"urgency": "low"}}]}
        """);
    Files.writeString(src.resolve("nothing.json"), """
        {"id": "PYSEC-0000-1", "modified": "2024-01-01T00:00:00Z",
         "affected": [{"package": {"ecosystem": "PyPI", "name": "p"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]}
        """);
    Files.copy(Resources.of("/advisories/log4shell.json"), src.resolve("log4shell.json"));
    db = tmp.resolve("db.sqlite");
    summary = new VulnDbImporter(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), EventSink.NONE)
        .importFrom(List.of(src), db);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // ecosystem | package | version | finding id | severity | cvss vector | score | data source
        "Alpine:v3.20|openssl|3.3.2-r0|CVE-2024-9143|CRITICAL|CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H|9.1|alpine-secdb",
        "Alpine:v3.20|openssl|3.3.0-r0|CVE-2024-5535|UNKNOWN|||alpine-secdb",
        "Maven|org.apache.logging.log4j:log4j-core|2.14.1|CVE-2021-44228|CRITICAL|CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H|10.0|osv",
        "npm|p|0.1.0|GHSA-only-severity|MEDIUM|||osv",
        "Debian:12|zlib|1:1.2.13.dfsg-1|DEBIAN-CVE-2023-0001|LOW|||osv",
        "PyPI|p|1.0|PYSEC-0000-1|UNKNOWN|||osv",
      })
  void severityAndCvssReachTheFinding(String ecosystem, String name, String version, String id, String severity, String vector,
      Double score, String source) {
    try (VulnDb vdb = VulnDb.open(db)) {
      List<Advisory> advisories = vdb.advisories(ecosystem, name);
      Package pkg = new Package(PackageType.NPM, name, version, null, null, null, "pkg:x/" + name, "", null, List.of());
      List<Finding> findings = Matcher.match(pkg, ecosystem, name, version, advisories).findings();
      Finding f = findings.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(findings));
      assertThat(f.severity().name()).isEqualTo(severity);
      assertThat(f.cvss() == null ? null : f.cvss().vector()).isEqualTo(vector);
      assertThat(f.cvss() == null ? null : f.cvss().score()).isEqualTo(score);
      assertThat(f.dataSource()).isEqualTo(source);
    }
  }

  @org.junit.jupiter.api.Test
  void onlyRecordsWithoutASeverityTakeAnAliasOne() {
    assertThat(summary.severityFromAliases()).isEqualTo(1);
    try (VulnDb vdb = VulnDb.open(db)) {
      Advisory alpine = vdb.byId("ALPINE-CVE-2024-9143").orElseThrow();
      assertThat(alpine.cvssVectors()).as("the record's own vectors stay as written").isEmpty();
      assertThat(alpine.cvss().vector()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H");
    }
  }
}
