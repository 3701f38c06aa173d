package io.drydock.scan.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.Finding;
import io.drydock.model.Severity;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CvssScoringTest {

  /** Real vectors of the fixture records (ids given), scores as FIRST's calculators give them. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GHSA-jfh8-c2jp-5v3q Log4Shell|CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H|3.1|10.0|CRITICAL",
        "GHSA-7rjr-3q55-vv33|CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H|3.1|9.0|CRITICAL",
        "GHSA-36p3-wjmg-h94x Spring4Shell|CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H|3.1|9.8|CRITICAL",
        "GHSA-p6xc-xr62-6r2g|CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:H|3.1|8.6|HIGH",
        "GHSA-crjg-w57m-rqqf v3|CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H|3.1|6.5|MEDIUM",
        "GHSA-crjg-w57m-rqqf v4|CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N|4.0|7.7|HIGH",
        "CVSS v4.0 specification example|CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N|4.0|9.3|CRITICAL",
        "CVSS 3.0 vector|CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H|3.0|9.8|CRITICAL",
        "CVSS 3.1 local, low|CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N|3.1|1.8|LOW",
        "v2 as OSV writes it|AV:N/AC:L/Au:N/C:P/I:P/A:P|2.0|7.5|HIGH",
        "v2 in parentheses (NVD)|(AV:N/AC:M/Au:N/C:N/I:P/A:N)|2.0|4.3|MEDIUM",
        "v2 with a prefix|CVSS:2.0/AV:N/AC:L/Au:N/C:C/I:C/A:C|2.0|10.0|HIGH",
      })
  void scoresRealVectors(String what, String vector, String version, double score, Severity severity) {
    Finding.Cvss cvss = CvssScoring.score(vector).orElseThrow(() -> new AssertionError(what));
    assertThat(cvss.version()).as(what).isEqualTo(version);
    assertThat(cvss.score()).as(what).isEqualTo(score);
    assertThat(cvss.vector()).isEqualTo(vector);
    assertThat(CvssScoring.severity(cvss)).as(what).isEqualTo(severity);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "CVSS:3.1/AV:X",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L", // a metric twice (the library would take the last)
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", // scores 0.0: no severity
        "CVSS:9.9/AV:N",
        "AV:N/AC:L/Au:N/C:P/I:P/A:Q",
      })
  void unusableVectorsGiveNothing(String vector) {
    assertThat(CvssScoring.score(vector)).isEmpty();
    assertThat(CvssScoring.score(vector + "/" + "X:Y/".repeat(200))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N,CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H|3.1",
        "AV:N/AC:L/Au:N/C:P/I:P/A:P,CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N|4.0",
        "garbage,AV:N/AC:L/Au:N/C:P/I:P/A:P|2.0",
        "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H,CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H|3.1",
      })
  void bestPrefersV31ThenV30ThenV4ThenV2(String vectors, String version) {
    assertThat(CvssScoring.best(List.of(vectors.split(","))).map(Finding.Cvss::version)).contains(version);
  }

  /**
   * Every GHSA record of the fixtures that has a vector and a GitHub severity: the severity computed from the
   * preferred vector equals GitHub's (GitHub rates by the same CVSS scale), except for one record whose curators
   * rated it below its own vector (7.8 is HIGH on the CVSS scale; GitHub says MODERATE).
   */
  @Test
  void computedSeverityAgreesWithGithubOnTheFixtureRecords() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> disagreements = new ArrayList<>();
    int compared = 0;
    try (ZipFile zip = new ZipFile(Resources.of("/advisories/lang-advisories.zip").toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (!e.getName().endsWith(".json")) {
          continue;
        }
        JsonNode n = json.readTree(zip.getInputStream(e));
        String github = n.path("database_specific").path("severity").asText("");
        List<String> vectors = new ArrayList<>();
        n.path("severity").forEach(s -> vectors.add(s.path("score").asText()));
        if (github.isEmpty() || vectors.isEmpty() || !n.path("id").asText().startsWith("GHSA-")) {
          continue;
        }
        compared++;
        Severity computed = CvssScoring.best(vectors).map(CvssScoring::severity).orElse(Severity.UNKNOWN);
        if (computed != Severity.parse(github)) {
          disagreements.add(n.path("id").asText() + " " + vectors + " github=" + github + " computed=" + computed);
        }
      }
    }
    assertThat(compared).isEqualTo(344);
    assertThat(disagreements).containsExactly(
        "GHSA-99qr-9cc9-fv2x [CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H] github=MODERATE computed=HIGH");
  }
}
