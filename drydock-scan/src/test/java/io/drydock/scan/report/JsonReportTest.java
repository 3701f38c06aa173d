package io.drydock.scan.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode doc() throws Exception {
    return JSON.readTree(new ReportWriters(ReportFixture.CLOCK, "1.2.3").toString(ReportFixture.report(), ReportFormat.JSON));
  }

  @Test
  void topLevelOfDrydockScanV1() throws Exception {
    JsonNode doc = doc();
    assertThat(doc.path("schema").asText()).isEqualTo("drydock.scan/v1");
    assertThat(doc.path("createdAt").asText()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(doc.path("tool").asText()).isEqualTo("drydock 1.2.3");
    assertThat(doc.path("image").path("name").asText()).isEqualTo("127.0.0.1:5000/fixtures/alpine:3.20.3");
    assertThat(doc.path("image").path("manifestDigest").asText()).isEqualTo(ReportFixture.MANIFEST.toString());
    assertThat(doc.path("os").path("family").asText()).isEqualTo("alpine");
    assertThat(doc.path("packages").asInt()).isEqualTo(4);
    assertThat(doc.path("db").toString()).isEqualTo("{\"schemaVersion\":1,\"updatedAt\":\"2026-11-21T04:00:00Z\",\"advisories\":612345}");
    assertThat(doc.path("summary").toString()).isEqualTo(
        "{\"total\":3,\"bySeverity\":{\"UNKNOWN\":1,\"LOW\":0,\"MEDIUM\":1,\"HIGH\":0,\"CRITICAL\":1},\"suppressed\":2,\"expiredRules\":1}");
    assertThat(doc.path("findings")).hasSize(3);
    assertThat(doc.path("suppressed").get(1).path("expires").asText()).isEqualTo("2027-01-31");
    assertThat(doc.path("expired").get(0).toString()).isEqualTo(
        "{\"id\":\"CVE-2021-3711\",\"source\":\".trivyignore:7\",\"expiredOn\":\"2026-10-01\",\"owner\":\"team-b\"}");
    assertThat(doc.path("skipped").isArray()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0|CVE-2023-42363|busybox|UNKNOWN|affected||null",
        "1|CVE-2020-8840|com.fasterxml.jackson.core:jackson-databind|CRITICAL|fixed|2.9.10.3|9.8",
        "2|CVE-2024-9143|libssl3|MEDIUM|fixed|3.3.2-r1|4.8",
      })
  void findingsSortedByLibraryWithTheirFields(int index, String id, String library, String severity, String status, String fixed,
      String score) throws Exception {
    JsonNode f = doc().path("findings").get(index);
    assertThat(f.path("id").asText()).isEqualTo(id);
    assertThat(f.path("package").path("name").asText()).isEqualTo(library);
    assertThat(f.path("severity").asText()).isEqualTo(severity);
    assertThat(f.path("status").asText()).isEqualTo(status);
    assertThat(f.path("fixedVersions").size() == 0 ? null : f.path("fixedVersions").get(0).asText()).isEqualTo(fixed);
    assertThat(f.path("cvss").isNull() ? "null" : f.path("cvss").path("score").asText()).isEqualTo(score);
    assertThat(f.path("package").path("purl").asText()).startsWith("pkg:");
    assertThat(f.has("dataSource")).isTrue();
  }
}
