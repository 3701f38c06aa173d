package io.drydock.scan.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Finding;
import io.drydock.model.Package;
import io.drydock.model.event.EventSink;
import io.drydock.scan.db.ImportSummary;
import io.drydock.scan.db.VulnDb;
import io.drydock.scan.db.VulnDbImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture images' packages against the real advisories, through the real import and store: exactly the
 * expected findings of shared/fixtures/images (computed there with the ecosystems' own tools).
 */
class AcceptanceTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void langPackagesGiveExactlyThe61ExpectedFindings(@TempDir Path tmp) throws Exception {
    Path dbFile = tmp.resolve("vulndb.sqlite");
    ImportSummary summary =
        new VulnDbImporter(CLOCK, EventSink.NONE)
            .importFrom(List.of(TestPackages.resource("/advisories/lang-advisories.zip")), dbFile);
    assertThat(summary.skips()).isEmpty();
    assertThat(summary.advisories()).isEqualTo(362 + 4 + 10 + 248);

    Set<String> expected = new TreeSet<>();
    for (String line : Files.readAllLines(TestPackages.resource("/advisories/lang-packages.expected-findings.tsv"))) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      expected.add(f[0] + "|" + f[1] + "|" + f[2] + "|" + f[3]);
    }
    assertThat(expected).hasSize(61);

    Set<String> actual = new TreeSet<>();
    List<Finding> all = new ArrayList<>();
    try (VulnDb db = VulnDb.open(dbFile)) {
      for (Package p : TestPackages.langPackages()) {
        String eco = TestPackages.ecosystem(p);
        MatchResult r = Matcher.match(p, eco, db.advisories(eco, p.name()));
        assertThat(r.skips()).isEmpty();
        all.addAll(r.findings());
        for (Finding f : r.findings()) {
          for (String adv : f.advisoryIds()) {
            actual.add(eco + "|" + p.name() + "|" + p.version() + "|" + adv);
          }
        }
      }
    }
    assertThat(actual).containsExactlyElementsOf(expected);
    // No two advisories of these were merged by alias, so one finding per expected row.
    assertThat(all).hasSize(61);
    Finding log4shell =
        all.stream().filter(f -> f.advisoryIds().contains("GHSA-jfh8-c2jp-5v3q")).findFirst().orElseThrow();
    assertThat(log4shell.id()).isEqualTo("CVE-2021-44228");
    assertThat(log4shell.fixedVersions()).contains("2.15.0");
    assertThat(log4shell.severity().name()).isEqualTo("CRITICAL");
  }

  @Test
  void alpinePackagesGiveExactlyThe27ExpectedSecdbPairsAndNoneOfTheNotAffected(@TempDir Path tmp) throws Exception {
    Path dbFile = tmp.resolve("vulndb.sqlite");
    ImportSummary summary =
        new VulnDbImporter(CLOCK, EventSink.NONE)
            .importFrom(List.of(TestPackages.resource("/advisories/alpine/v3.20/main")), dbFile);
    assertThat(summary.skips()).isEmpty();
    assertThat(summary.notAffected()).isEqualTo(10);

    Set<String> vulnerable = new TreeSet<>();
    Set<String> notAffected = new TreeSet<>();
    for (String line : Files.readAllLines(TestPackages.resource("/advisories/alpine-3.20.3.expected-secdb-findings.tsv"))) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      (f[4].equals("VULNERABLE") ? vulnerable : notAffected).add(f[0] + "|" + f[2] + "|" + f[3]);
    }
    assertThat(vulnerable).hasSize(27);
    assertThat(notAffected).hasSize(10);

    Set<String> actual = new TreeSet<>();
    Set<String> reportedIds = new TreeSet<>();
    try (VulnDb db = VulnDb.open(dbFile)) {
      for (Package p : TestPackages.alpinePackages()) {
        MatchResult r =
            Matcher.match(p, "Alpine:v3.20", p.sourceNameOrName(), p.version(), db.advisories("Alpine:v3.20", p.sourceNameOrName()));
        assertThat(r.skips()).isEmpty();
        for (Finding f : r.findings()) {
          assertThat(f.fixedVersions()).hasSize(1);
          actual.add(p.sourceNameOrName() + "|" + f.id() + "|" + f.fixedVersions().get(0));
          reportedIds.add(f.id());
        }
      }
    }
    assertThat(actual).containsExactlyElementsOf(vulnerable);
    for (String na : notAffected) {
      assertThat(reportedIds).doesNotContain(na.split("\\|")[1]);
    }
  }

  @Test
  void theReleaseDocumentLayoutGivesTheSameAdvisoriesAsTheSplitFiles(@TempDir Path tmp) {
    VulnDbImporter importer = new VulnDbImporter(CLOCK, EventSink.NONE);
    ImportSummary split = importer.importFrom(List.of(TestPackages.resource("/advisories/alpine/v3.20/main")), tmp.resolve("a.sqlite"));
    ImportSummary doc =
        importer.importFrom(List.of(TestPackages.resource("/advisories/alpine/v3.20/main.subset.secdb.json")), tmp.resolve("b.sqlite"));
    assertThat(doc.advisories()).isEqualTo(split.advisories()).isPositive();
    assertThat(doc.notAffected()).isEqualTo(split.notAffected());
    try (VulnDb a = VulnDb.open(tmp.resolve("a.sqlite"));
        VulnDb b = VulnDb.open(tmp.resolve("b.sqlite"))) {
      for (String origin : List.of("openssl", "musl", "zlib", "busybox", "apk-tools")) {
        assertThat(b.advisories("Alpine:v3.20", origin)).isEqualTo(a.advisories("Alpine:v3.20", origin));
      }
    }
  }
}
