package io.drydock.scan.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.Finding;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SarifReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode sarif() throws Exception {
    return JSON.readTree(new ReportWriters(ReportFixture.CLOCK, "1.2.3").toString(ReportFixture.report(), ReportFormat.SARIF));
  }

  /** What SARIF 2.1.0 requires and GitHub code scanning reads (its "SARIF support" page), checked field by field. */
  @Test
  void hasTheStructureGithubCodeScanningReads() throws Exception {
    JsonNode doc = sarif();
    assertThat(doc.path("version").asText()).isEqualTo("2.1.0");
    assertThat(doc.path("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
    assertThat(doc.path("runs")).hasSize(1);
    JsonNode run = doc.path("runs").get(0);
    JsonNode driver = run.path("tool").path("driver");
    assertThat(driver.path("name").asText()).isEqualTo("drydock");
    assertThat(driver.path("version").asText()).isEqualTo("1.2.3");
    List<String> ruleIds = new ArrayList<>();
    for (JsonNode rule : driver.path("rules")) {
      ruleIds.add(rule.path("id").asText());
      assertThat(rule.path("shortDescription").path("text").asText()).isNotBlank();
      assertThat(rule.path("help").path("text").asText()).isNotBlank();
      assertThat(rule.path("help").path("markdown").asText()).isNotBlank();
      assertThat(rule.path("defaultConfiguration").path("level").asText()).isIn("none", "note", "warning", "error");
      JsonNode props = rule.path("properties");
      assertThat(props.path("security-severity").isTextual()).as("security-severity is a string").isTrue();
      assertThat(Double.parseDouble(props.path("security-severity").asText())).isBetween(0.0, 10.0);
      assertThat(props.path("tags").toString()).contains("security");
    }
    assertThat(new HashSet<>(ruleIds)).as("rule ids are unique").hasSameSizeAs(ruleIds);
    assertThat(ruleIds).containsExactly("CVE-2019-20330", "CVE-2020-8203", "CVE-2020-8840", "CVE-2023-42363", "CVE-2024-9143");
    Set<String> resultRules = new HashSet<>();
    for (JsonNode result : run.path("results")) {
      String ruleId = result.path("ruleId").asText();
      resultRules.add(ruleId);
      assertThat(ruleIds.get(result.path("ruleIndex").asInt())).isEqualTo(ruleId);
      assertThat(result.path("level").asText()).isIn("none", "note", "warning", "error");
      assertThat(result.path("message").path("text").asText()).contains(ruleId);
      JsonNode location = result.path("locations").get(0).path("physicalLocation");
      assertThat(location.path("artifactLocation").path("uri").asText()).isNotBlank().doesNotContain("!/");
      assertThat(location.path("region").path("startLine").asInt()).isEqualTo(1);
    }
    assertThat(resultRules).containsExactlyInAnyOrderElementsOf(ruleIds);
    assertThat(run.path("results")).hasSize(5);
  }

  @Test
  void suppressedFindingsAreResultsWithASuppression() throws Exception {
    JsonNode results = sarif().path("runs").get(0).path("results");
    List<String> suppressed = new ArrayList<>();
    for (JsonNode r : results) {
      if (r.has("suppressions")) {
        suppressed.add(r.path("ruleId").asText() + " " + r.path("suppressions").get(0).path("justification").asText());
        assertThat(r.path("suppressions").get(0).path("kind").asText()).isEqualTo("external");
      }
    }
    assertThat(suppressed).containsExactlyInAnyOrder(
        "CVE-2020-8203 vex vex.openvex.json: vulnerable_code_not_in_execute_path",
        "CVE-2019-20330 ignorefile .trivyignore:3: no polymorphic typing in use");
  }

  @ParameterizedTest
  @CsvSource({
    "CVE-2020-8840, error, 9.8, app/lib/app.jar",
    "CVE-2024-9143, warning, 4.8, fixtures/alpine",
    "CVE-2023-42363, note, 0.0, fixtures/alpine",
    "CVE-2020-8203, error, 7.4, app/node_modules/lodash/package.json",
  })
  void rulesAndLocationsPerFinding(String id, String level, String securitySeverity, String uri) throws Exception {
    JsonNode run = sarif().path("runs").get(0);
    JsonNode rule = null;
    for (JsonNode r : run.path("tool").path("driver").path("rules")) {
      if (r.path("id").asText().equals(id)) {
        rule = r;
      }
    }
    assertThat(rule).isNotNull();
    assertThat(rule.path("properties").path("security-severity").asText()).isEqualTo(securitySeverity);
    for (JsonNode r : run.path("results")) {
      if (r.path("ruleId").asText().equals(id)) {
        assertThat(r.path("level").asText()).isEqualTo(level);
        assertThat(r.path("locations").get(0).path("physicalLocation").path("artifactLocation").path("uri").asText()).isEqualTo(uri);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"CRITICAL,error,9.5", "HIGH,error,8.0", "MEDIUM,warning,5.5", "LOW,note,2.0", "UNKNOWN,note,0.0"})
  void withoutCvssTheSeverityDecidesLevelAndScore(Severity severity, String level, String score) {
    Finding f = new Finding(ReportFixture.BUSYBOX, "Alpine:v3.20", "CVE-2023-1", List.of(), List.of("ALPINE-CVE-2023-1"), severity,
        null, Finding.Status.AFFECTED, List.of(), null, "osv");
    assertThat(SarifReport.level(severity)).isEqualTo(level);
    assertThat(SarifReport.securitySeverity(List.of(f))).isEqualTo(score);
  }

  @ParameterizedTest
  @CsvSource({
    "oci-archive:/tmp/x.tar, /tmp/x.tar",
    "docker-archive:app.tar:app:1, app.tar:app",
    "engine:web, web",
    "myimage:1.0, myimage",
    "dir:/srv/rootfs, /srv/rootfs",
  })
  void imageUriWithoutAReference(String name, String uri) {
    ImageMetadata image = new ImageMetadata(name, null, null, null, null, null, List.of(), ImageConfig.empty(), List.of());
    assertThat(SarifReport.imageUri(image)).isEqualTo(uri);
  }
}
