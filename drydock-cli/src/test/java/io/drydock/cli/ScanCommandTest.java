package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drydock.scan.testfixtures.PeerCases;
import java.io.IOException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** {@code drydock scan} in-process: the acceptance cases and the exit-code contract. */
class ScanCommandTest {
  static final List<String> PEER_CASES = PeerCases.NAMES;

  @TempDir Path tmp;

  private Cli scan(String... args) {
    List<String> all = new ArrayList<>(List.of("scan", "--cache-dir", tmp.resolve("cache").toString()));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  private static JsonNode json(Cli cli) throws IOException {
    return ScanFixtures.JSON.readTree(cli.out());
  }

  /**
   * The shared peer cases end to end: packages as a Trivy-style CycloneDX SBOM, advisories as OSV imported into a
   * DB, the case's flags as CLI flags (ignored ids as a .trivyignore): exactly the expected findings.
   */
  @ParameterizedTest
  @FieldSource("PEER_CASES")
  void peerCase(String name) throws IOException {
    JsonNode c = PeerCases.load(name);
    Path db = ScanFixtures.peerDb(c, tmp);
    Path sbom = ScanFixtures.trivyStyleCycloneDx(c, tmp.resolve(name + ".cdx.json"));
    List<String> args = new ArrayList<>(List.of("--db", db.toString(), "--format", "json", "--exit-code", "1"));
    JsonNode flags = c.get("flags");
    if (flags.get("ignoreUnfixed").asBoolean()) {
      args.add("--ignore-unfixed");
    }
    if (flags.hasNonNull("severities")) {
      List<String> sev = new ArrayList<>();
      flags.get("severities").forEach(s -> sev.add(s.asText()));
      args.addAll(List.of("--severity", String.join(",", sev)));
    }
    if (!flags.get("ignoreIds").isEmpty()) {
      StringBuilder ignore = new StringBuilder("# ignored in the peer case\n");
      flags.get("ignoreIds").forEach(id -> ignore.append(id.asText()).append('\n'));
      Path file = Files.writeString(tmp.resolve(".trivyignore"), ignore);
      args.addAll(List.of("--ignorefile", file.toString()));
    }
    args.add(sbom.toString());
    Cli cli = scan(args.toArray(String[]::new));
    Set<String> expected = PeerCases.expected(c);
    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(expected.isEmpty() ? 0 : 1);
    JsonNode report = json(cli);
    Set<String> actual = new TreeSet<>();
    for (JsonNode f : report.get("findings")) {
      List<String> fixed = new ArrayList<>();
      f.get("fixedVersions").forEach(v -> fixed.add(v.asText()));
      actual.add(f.get("id").asText() + " " + f.get("package").get("name").asText() + " " + f.get("package").get("version").asText() + " "
          + (fixed.isEmpty() ? "-" : String.join(",", fixed)));
    }
    assertThat(actual).as(name).containsExactlyElementsOf(expected);
    assertThat(report.get("findings")).hasSize(expected.size());
    for (String prefix : PeerCases.nonFindingPrefixes(c)) {
      assertThat(actual).noneMatch(s -> s.startsWith(prefix));
    }
    assertThat(report.get("suppressed").size()).as("suppressed by the .trivyignore")
        .isEqualTo(flags.get("ignoreIds").isEmpty() ? 0 : report.get("suppressed").size());
    if (!flags.get("ignoreIds").isEmpty()) {
      assertThat(report.get("suppressed")).isNotEmpty()
          .allSatisfy(s -> assertThat(s.get("source").asText()).startsWith(".trivyignore:"));
    }
  }

  @Test
  void langPackagesImageGivesExactlyThe61ExpectedMatches() throws IOException {
    Path db = ScanFixtures.langDb(tmp);
    Cli cli = scan("--db", db.toString(), "--format", "json", "oci-archive:" + Cli.testImage("lang-packages.oci.tar"));
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    Set<String> expected = new TreeSet<>();
    for (String line : Files.readAllLines(ScanFixtures.resource("/advisories/lang-packages.expected-findings.tsv", tmp.resolve("tsv")))) {
      if (!line.startsWith("#") && !line.isBlank()) {
        String[] f = line.split("\t");
        expected.add(f[0] + "|" + f[1] + "|" + f[2] + "|" + f[3]);
      }
    }
    assertThat(expected).hasSize(61);
    Set<String> actual = new TreeSet<>();
    JsonNode findings = json(cli).get("findings");
    for (JsonNode f : findings) {
      for (JsonNode adv : f.get("advisoryIds")) {
        actual.add(f.get("ecosystem").asText() + "|" + f.get("package").get("name").asText() + "|" + f.get("package").get("version").asText() + "|"
            + adv.asText());
      }
    }
    assertThat(actual).containsExactlyElementsOf(expected);
    assertThat(findings).hasSize(61);
  }

  @Test
  void alpineImageGivesThe27OriginPairsPerBinaryPackageAndNoneOfTheNotAffected() throws IOException {
    Path db = ScanFixtures.alpineDb(tmp, Clock.systemUTC());
    Cli cli = scan("--db", db.toString(), "--format", "json", "--exit-code", "1", Cli.testImage("alpine-3.20.3.oci.tar").toString());
    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(1);
    Set<String> vulnerable = new TreeSet<>();
    Set<String> notAffected = new TreeSet<>();
    for (String line : Files.readAllLines(Cli.testImage("alpine-3.20.3.expected-secdb-findings.tsv"))) {
      if (!line.startsWith("#") && !line.isBlank()) {
        String[] f = line.split("\t");
        (f[4].equals("VULNERABLE") ? vulnerable : notAffected).add(f[0] + "|" + f[2] + "|" + f[3]);
      }
    }
    assertThat(vulnerable).hasSize(27);
    assertThat(notAffected).hasSize(10);
    Set<String> pairs = new TreeSet<>();
    Set<String> perPackage = new TreeSet<>();
    for (JsonNode f : json(cli).get("findings")) {
      String origin = f.get("package").get("sourceName").isNull() ? f.get("package").get("name").asText() : f.get("package").get("sourceName").asText();
      assertThat(f.get("fixedVersions")).hasSize(1);
      pairs.add(origin + "|" + f.get("id").asText() + "|" + f.get("fixedVersions").get(0).asText());
      perPackage.add(f.get("package").get("name").asText() + "|" + f.get("id").asText());
      assertThat(notAffected).noneMatch(na -> na.split("\\|")[1].equals(f.get("id").asText()));
    }
    assertThat(pairs).containsExactlyElementsOf(vulnerable);
    // openssl's 22 for libcrypto3 and libssl3, musl's 3 for musl and musl-utils, busybox's 2 for busybox, busybox-binsh, ssl_client
    assertThat(perPackage).hasSize(22 * 2 + 3 * 2 + 2 * 3);
  }

  @Test
  void anSbomWrittenByDrydockScansLikeTheImage() throws IOException {
    Path db = ScanFixtures.alpineDb(tmp, Clock.systemUTC());
    Path sbom = tmp.resolve("alpine.cdx.json");
    Cli made = Cli.run("sbom", "--cache-dir", tmp.resolve("cache").toString(), "--format", "cyclonedx", "--output", sbom.toString(),
        Cli.testImage("alpine-3.20.3.oci.tar").toString());
    assertThat(made.exitCode()).as(made.err()).isZero();
    Cli fromImage = scan("--db", db.toString(), "--format", "json", Cli.testImage("alpine-3.20.3.oci.tar").toString());
    Cli fromSbom = scan("--db", db.toString(), "--format", "json", sbom.toString());
    assertThat(fromSbom.exitCode()).as(fromSbom.err()).isZero();
    assertThat(json(fromSbom).get("findings")).isEqualTo(json(fromImage).get("findings")).hasSize(56);
  }

  @Test
  void filtersExceptionsAndVexThroughTheCommandLine() throws IOException {
    Path db = ScanFixtures.alpineDb(tmp, Clock.systemUTC());
    Path exceptions = Files.writeString(tmp.resolve("exceptions.yaml"), """
        exceptions:
          - id: CVE-2025-9230
            package: openssl
            owner: platform-team@example.com
            justification: CMS password-based decryption is not used by any service in this image.
            expires: 2999-12-31
          - id: CVE-2025-9231
            package: openssl
            owner: platform-team@example.com
            justification: Only affects SM2 on 64-bit ARM; we ship x86_64.
            expires: 2020-01-01
        """);
    Path vex = Files.writeString(tmp.resolve("musl.openvex.json"), """
        {"@context": "https://openvex.dev/ns/v0.2.0", "statements": [
          {"vulnerability": {"name": "CVE-2025-26519"}, "products": [{"@id": "pkg:apk/alpine/musl"}, {"@id": "pkg:apk/alpine/musl-utils"}],
           "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}
        """);
    Cli cli = scan("--db", db.toString(), "--format", "json", "--ignore-unfixed", "--ignorefile", exceptions.toString(),
        "--vex", vex.toString(), Cli.testImage("alpine-3.20.3.oci.tar").toString());
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    JsonNode report = json(cli);
    assertThat(report.get("findings")).hasSize(56 - 4);
    List<String> suppressed = new ArrayList<>();
    report.get("suppressed").forEach(s -> suppressed.add(s.get("finding").get("package").get("name").asText() + " " + s.get("finding").get("id").asText()
        + " " + s.get("kind").asText()));
    assertThat(suppressed).contains("libssl3 CVE-2025-9230 exception", "libcrypto3 CVE-2025-9230 exception",
        "musl CVE-2025-26519 vex", "musl-utils CVE-2025-26519 vex");
    assertThat(report.get("findings")).noneSatisfy(f -> assertThat(f.get("id").asText()).isIn("CVE-2025-9230", "CVE-2025-26519"));
    assertThat(report.get("findings").toString()).contains("CVE-2025-9231");
    assertThat(report.get("expired")).singleElement().satisfies(e -> {
      assertThat(e.get("id").asText()).isEqualTo("CVE-2025-9231");
      assertThat(e.get("owner").asText()).isEqualTo("platform-team@example.com");
    });
    assertThat(cli.err()).contains("warning: the rule for CVE-2025-9231 at exceptions.yaml exceptions[2] CVE-2025-9231 expired on 2020-01-01");
  }

  @Test
  void exitCodeOnlyWhenFindingsRemain() throws IOException {
    Path db = ScanFixtures.alpineDb(tmp, Clock.systemUTC());
    String image = Cli.testImage("alpine-3.20.3.oci.tar").toString();
    assertThat(scan("--db", db.toString(), image).exitCode()).isZero();
    Cli table = scan("--db", db.toString(), "--exit-code", "13", image);
    assertThat(table.exitCode()).isEqualTo(13);
    assertThat(table.out()).contains("Total: 56").contains("libssl3").contains("CVE-2024-9143");
    assertThat(scan("--db", db.toString(), "--exit-code", "13", "--severity", "CRITICAL", image).exitCode()).as("secdb findings have no severity: UNKNOWN").isZero();
  }

  @Test
  void listAllPackagesAndTheOtherFormats() throws IOException {
    Path db = ScanFixtures.alpineDb(tmp, Clock.systemUTC());
    String image = Cli.testImage("alpine-3.20.3.oci.tar").toString();
    Cli all = scan("--db", db.toString(), "--format", "json", "--list-all-pkgs", image);
    assertThat(json(all).get("allPackages")).hasSize(14);
    assertThat(json(scan("--db", db.toString(), "--format", "json", image)).has("allPackages")).isFalse();
    Cli sarif = scan("--db", db.toString(), "--format", "sarif", image);
    assertThat(json(sarif).get("version").asText()).isEqualTo("2.1.0");
    Cli cdx = scan("--db", db.toString(), "--format", "cyclonedx", image);
    assertThat(json(cdx).get("vulnerabilities")).isNotEmpty();
    Cli vex = scan("--db", db.toString(), "--format", "openvex", image);
    assertThat(json(vex).get("statements")).isNotEmpty();
    assertThat(scan("--db", db.toString(), "--format", "xml", image).exitCode()).isEqualTo(2);
  }

  @Test
  void missingDbIsExitSevenAndSaysHowToGetOne() {
    Cli cli = scan("--db", tmp.resolve("none.sqlite").toString(), Cli.testImage("alpine-3.20.3.oci.tar").toString());
    assertThat(cli.exitCode()).isEqualTo(7);
    assertThat(cli.err()).contains("drydock db update").hasLineCount(1);
  }

  @Test
  void oldDbWarnsAndFailsPastMaxAge() {
    Path db = ScanFixtures.alpineDb(tmp, Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC));
    String image = Cli.testImage("alpine-3.20.3.oci.tar").toString();
    Cli warned = scan("--db", db.toString(), image);
    assertThat(warned.exitCode()).isZero();
    assertThat(warned.err()).contains("warning: the vulnerability DB was last updated 2020-01-01T00:00:00Z");
    Cli failed = scan("--db", db.toString(), "--db-max-age", "30d", image);
    assertThat(failed.exitCode()).isEqualTo(7);
    assertThat(failed.err()).contains("older than the allowed 30 days");
  }

  @Test
  void malformedSbomIsExitThreeInOneLine() throws IOException {
    Path db = ScanFixtures.alpineDb(tmp, Clock.systemUTC());
    Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"bomFormat\": \"CycloneDX\", \"components\": [ {\"name\": ");
    Cli cli = scan("--db", db.toString(), bad.toString());
    assertThat(cli.exitCode()).isEqualTo(3);
    assertThat(cli.err()).startsWith("drydock: Tried to read the SBOM").hasLineCount(1);
  }

  @Test
  void usageErrorsAreExitTwo() {
    assertThat(scan("--severity", "SEVERE", "x").exitCode()).isEqualTo(2);
    assertThat(scan("--db-max-age", "soon", "x").exitCode()).isEqualTo(2);
    assertThat(scan().exitCode()).isEqualTo(2);
  }

  @Test
  void helpListsTheExitCodesAndTrivyFlags() {
    Cli cli = Cli.run("scan", "--help");
    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains("Exit codes:", " 7 ", "--exit-code", "--ignore-unfixed", "--ignorefile", "--vex", "--severity",
        "--list-all-pkgs", "--skip-db-update", "--offline", "--db-max-age");
  }
}
