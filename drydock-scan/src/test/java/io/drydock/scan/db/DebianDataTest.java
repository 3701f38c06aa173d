package io.drydock.scan.db;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Debian data end to end: the security tracker JSON (hand-written in the real shape) and the real DSA/DLA lists
 * converted to OSV, imported into one DB and matched against bookworm, bullseye and buster package versions.
 * Expected DSA/DLA hits were computed independently with {@code dpkg --compare-versions} over the same lists.
 */
class DebianDataTest {
  @TempDir static Path tmp;
  static Path db;
  static ImportSummary summary;
  static int dsa;
  static int dla;

  @BeforeAll
  static void importDebianData() throws IOException {
    Path src = tmp.resolve("src");
    dsa = DebianLists.toOsv(Resources.of("/advisories/debian/DSA-list.minbase-sources"), src.resolve("dsa"));
    dla = DebianLists.toOsv(Resources.of("/advisories/debian/DLA-list.minbase-sources"), src.resolve("dla"));
    Files.copy(Resources.of("/advisories/debian/tracker.json"), src.resolve("tracker.json"));
    db = tmp.resolve("db.sqlite");
    summary = new VulnDbImporter(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), EventSink.NONE)
        .importFrom(List.of(src), db);
  }

  @Test
  void everyListEntryAndTrackerCveIsImported() {
    assertThat(dsa).isEqualTo(119);
    assertThat(dla).isEqualTo(94);
    assertThat(summary.skips()).isEmpty();
    assertThat(summary.advisories()).isEqualTo(119 + 94 + 7);
    assertThat(summary.notAffected()).as("util-linux CVE-2021-3995 in buster: fixed_version 0").isEqualTo(1);
  }

  private static List<Finding> match(String ecosystem, String source, String version) {
    try (VulnDb vdb = VulnDb.open(db)) {
      Package pkg = new Package(PackageType.DEB, source, version, null, null, "amd64", "pkg:deb/debian/" + source + "@" + version,
          "var/lib/dpkg/status", null, List.of());
      return Matcher.match(pkg, ecosystem, source, version, vdb.advisories(ecosystem, source)).findings();
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Debian:11|zlib|1:1.2.11.dfsg-2+deb11u1|DSA-5218-1>1:1.2.11.dfsg-2+deb11u2",
        "Debian:11|zlib|1:1.2.11.dfsg-2|DSA-5111-1>1:1.2.11.dfsg-2+deb11u1 DSA-5218-1>1:1.2.11.dfsg-2+deb11u2",
        "Debian:11|gnutls28|3.7.1-5+deb11u1|DSA-5203-1>3.7.1-5+deb11u2 DSA-5349-1>3.7.1-5+deb11u3",
        "Debian:11|gzip|1.10-4|DSA-5122-1>1.10-4+deb11u1",
        "Debian:11|dpkg|1.20.9|DSA-5147-1>1.20.10",
        "Debian:11|dpkg|1.20.10|''",
        "Debian:10|gzip|1.9-3|DSA-5122-1>1.9-3+deb10u1",
        "Debian:10|zlib|1:1.2.11.dfsg-1|DLA-3103-1>1:1.2.11.dfsg-1+deb10u2 DSA-5111-1>1:1.2.11.dfsg-1+deb10u1",
        "Debian:10|glibc|2.28-10+deb10u1|DLA-3152-1>2.28-10+deb10u2",
        "Debian:10|systemd|241-7~deb10u8|DLA-3377-1>241-7~deb10u9",
      })
  void dsaAndDlaListsMatchBullseyeAndBuster(String ecosystem, String source, String version, String expected) {
    String got = match(ecosystem, source, version).stream()
        .filter(f -> f.id().startsWith("DSA-") || f.id().startsWith("DLA-"))
        .map(f -> f.id() + ">" + String.join(",", f.fixedVersions()))
        .sorted()
        .collect(Collectors.joining(" "));
    assertThat(got).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // ecosystem | source | installed | id | severity | status | fixed
        "Debian:12|zlib|1:1.2.13.dfsg-1|CVE-2023-45853|LOW|WILL_NOT_FIX|",
        "Debian:11|zlib|1:1.2.11.dfsg-2+deb11u1|CVE-2022-37434|HIGH|FIXED|1:1.2.11.dfsg-2+deb11u2",
        "Debian:10|zlib|1:1.2.11.dfsg-1+deb10u1|CVE-2022-37434|HIGH|FIXED|1:1.2.11.dfsg-1+deb10u2",
        "Debian:10|openssl|1.1.1n-0+deb10u3|CVE-2023-0464|UNKNOWN|END_OF_LIFE|",
        "Debian:11|openssl|1.1.1n-0+deb11u4|CVE-2023-0464|UNKNOWN|FIXED|1.1.1n-0+deb11u5",
        "Debian:12|systemd|252.19-1~deb12u1|CVE-2023-7008|LOW|FIX_DEFERRED|",
        "Debian:11|systemd|247.3-7+deb11u4|CVE-2023-7008|LOW|WILL_NOT_FIX|",
        "Debian:12|glibc|2.36-9+deb12u4|CVE-2010-4756|LOW|AFFECTED|",
        "Debian:12|bash|5.2.15-2|DEBIAN-TEMP-0841856-B18BAF|LOW|AFFECTED|",
      })
  void trackerStatusesUrgenciesAndFixes(String ecosystem, String source, String version, String id, String severity, String status,
      String fixed) {
    Finding f = match(ecosystem, source, version).stream().filter(x -> x.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError(match(ecosystem, source, version)));
    assertThat(f.severity().name()).isEqualTo(severity);
    assertThat(f.status().name()).isEqualTo(status);
    assertThat(f.fixedVersions()).isEqualTo(fixed == null ? List.of() : List.of(fixed));
    assertThat(f.dataSource()).isEqualTo("debian-tracker");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Debian:12|zlib|1:1.2.13.dfsg-1|CVE-2022-37434", // bookworm's version is above the fix
        "Debian:10|util-linux|2.33.1-0.1|CVE-2021-3995", // fixed_version 0: never affected
        "Debian:12|openssl|3.0.11-1~deb12u2|CVE-2023-0464",
      })
  void fixedOrNeverAffectedVersionsGiveNoFinding(String ecosystem, String source, String version, String id) {
    assertThat(match(ecosystem, source, version)).noneMatch(f -> f.id().equals(id));
  }
}
