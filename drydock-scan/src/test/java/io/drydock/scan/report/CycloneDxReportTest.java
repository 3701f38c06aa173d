package io.drydock.scan.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.cyclonedx.Version;
import org.cyclonedx.model.vulnerability.Vulnerability;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CycloneDxReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static byte[] bytes() {
    return new ReportWriters(ReportFixture.CLOCK, "1.2.3").toString(ReportFixture.report(), ReportFormat.CYCLONEDX)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void isValidCycloneDx16() throws Exception {
    assertThat(new JsonParser().validate(bytes(), Version.VERSION_16)).isEmpty();
    assertThat(new JsonParser().validate(
        new ReportWriters(ReportFixture.CLOCK, "1.2.3").toString(ReportFixture.empty(), ReportFormat.CYCLONEDX).getBytes(StandardCharsets.UTF_8),
        Version.VERSION_16)).isEmpty();
  }

  @Test
  void everyVulnerabilityAffectsAComponentOfTheBom() throws Exception {
    JsonNode bom = JSON.readTree(bytes());
    Set<String> refs = new HashSet<>();
    bom.path("components").forEach(c -> refs.add(c.path("bom-ref").asText()));
    assertThat(bom.path("vulnerabilities")).hasSize(5);
    for (JsonNode v : bom.path("vulnerabilities")) {
      assertThat(v.path("affects")).isNotEmpty();
      v.path("affects").forEach(a -> assertThat(refs).contains(a.path("ref").asText()));
      assertThat(v.path("ratings")).hasSize(1);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CVE-2020-8840|critical|9.8|CVSSv31|CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H|pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10.1|osv|",
        "CVE-2024-9143|medium|4.8|CVSSv31|CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:L|pkg:apk/alpine/libssl3@3.3.2-r0?arch=x86_64&distro=3.20.3&upstream=openssl|alpine-secdb|",
        "CVE-2023-42363|unknown|||||alpine-secdb|",
        "CVE-2020-8203|high|7.4|CVSSv31|CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H|pkg:npm/lodash@4.17.15|osv|not_affected code_not_reachable",
        "CVE-2019-20330|critical|9.8|CVSSv31|CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H|pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10.1|osv|exploitable will_not_fix",
      })
  void ratingsAffectsAndAnalysis(String id, String severity, String score, String method, String vector, String ref, String source,
      String analysis) throws Exception {
    JsonNode v = null;
    for (JsonNode n : JSON.readTree(bytes()).path("vulnerabilities")) {
      if (n.path("id").asText().equals(id)) {
        v = n;
      }
    }
    assertThat(v).as(id).isNotNull();
    JsonNode rating = v.path("ratings").get(0);
    assertThat(rating.path("severity").asText()).isEqualTo(severity);
    assertThat(rating.path("score").asText("")).isEqualTo(score == null ? "" : score);
    assertThat(rating.path("method").asText("")).isEqualTo(method == null ? "" : method);
    assertThat(rating.path("vector").asText("")).isEqualTo(vector == null ? "" : vector);
    assertThat(v.path("source").path("name").asText()).isEqualTo(source);
    if (ref != null) {
      assertThat(v.path("affects").get(0).path("ref").asText()).isEqualTo(ref);
    }
    JsonNode a = v.path("analysis");
    String got = a.isMissingNode() ? null
        : (a.path("state").asText() + " " + (a.has("justification") ? a.path("justification").asText() : a.path("response").get(0).asText()));
    assertThat(got).isEqualTo(analysis);
  }

  @ParameterizedTest
  @CsvSource({
    "component_not_present, CODE_NOT_PRESENT",
    "vulnerable_code_not_present, CODE_NOT_PRESENT",
    "vulnerable_code_not_in_execute_path, CODE_NOT_REACHABLE",
    "vulnerable_code_cannot_be_controlled_by_adversary, REQUIRES_ENVIRONMENT",
    "inline_mitigations_already_exist, PROTECTED_BY_MITIGATING_CONTROL",
  })
  void openVexJustificationsMapToCycloneDx(String openVex, Vulnerability.Analysis.Justification expected) {
    assertThat(CycloneDxReport.justification(openVex)).isEqualTo(expected);
  }
}
