package io.drydock.scan.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.Finding;
import io.drydock.model.ScanReport;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenVexReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode vex() throws Exception {
    return JSON.readTree(new ReportWriters(ReportFixture.CLOCK, "1.2.3").toString(ReportFixture.report(), ReportFormat.OPENVEX));
  }

  /** The fields OpenVEX v0.2.0 requires, and its rules per status (spec, "Statement" and "Status Justifications"). */
  @Test
  void hasTheOpenVexDocumentShape() throws Exception {
    JsonNode doc = vex();
    assertThat(doc.path("@context").asText()).isEqualTo("https://openvex.dev/ns/v0.2.0");
    assertThat(doc.path("@id").asText()).startsWith("urn:uuid:");
    assertThat(doc.path("author").asText()).isNotBlank();
    assertThat(doc.path("timestamp").asText()).isEqualTo("2026-11-22T10:00:00Z");
    assertThat(doc.path("version").asInt()).isEqualTo(1);
    assertThat(doc.path("statements")).hasSize(5);
    for (JsonNode st : doc.path("statements")) {
      assertThat(st.path("vulnerability").path("name").asText()).isNotBlank();
      assertThat(st.path("products")).isNotEmpty();
      String status = st.path("status").asText();
      assertThat(status).isIn("not_affected", "affected", "fixed", "under_investigation");
      if (status.equals("not_affected")) {
        assertThat(st.has("justification") || st.has("impact_statement")).isTrue();
      }
      if (status.equals("affected")) {
        assertThat(st.path("action_statement").asText()).isNotBlank();
      }
      if (st.has("justification")) {
        assertThat(st.path("justification").asText()).isIn(VexStatus.JUSTIFICATIONS);
      }
    }
    assertThat(JSON.readTree(new ReportWriters(ReportFixture.CLOCK, "1.2.3").toString(ReportFixture.report(), ReportFormat.OPENVEX))
        .path("@id")).isEqualTo(doc.path("@id"));
  }

  @Test
  void productIsTheImageWithThePackageAsSubcomponent() throws Exception {
    JsonNode st = vex().path("statements").get(0);
    assertThat(st.path("vulnerability").path("name").asText()).isEqualTo("CVE-2023-42363");
    JsonNode product = st.path("products").get(0);
    assertThat(product.path("@id").asText()).isEqualTo(
        "pkg:oci/alpine@sha256:4d6295e60169ca90e6054a05e77399a9efb8051b5caf97a4b19325f054e0a54e?repository_url=127.0.0.1:5000%2Ffixtures%2Falpine");
    assertThat(product.path("subcomponents").get(0).path("@id").asText()).isEqualTo("pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=3.20.3");
  }

  @Test
  void withoutAManifestDigestTheProductIsThePackage() throws Exception {
    ScanReport r = ReportFixture.empty();
    ScanReport withFinding = new ScanReport(r.sbom(), List.of(ReportFixture.JACKSON_GHSA), List.of(), List.of(), null, r.createdAt());
    JsonNode st = JSON.readTree(new ReportWriters(ReportFixture.CLOCK, "dev").toString(withFinding, ReportFormat.OPENVEX))
        .path("statements").get(0);
    assertThat(st.path("products").get(0).path("@id").asText()).isEqualTo("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10.1");
    assertThat(st.path("products").get(0).has("subcomponents")).isFalse();
    assertThat(st.path("vulnerability").path("aliases").get(0).asText()).isEqualTo("GHSA-4w82-r329-3q67");
    assertThat(st.path("action_statement").asText()).isEqualTo("Update com.fasterxml.jackson.core:jackson-databind to 2.9.10.3 or later");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "vex|vulnerable_code_not_present|not_affected|vulnerable_code_not_present||",
        "vex|not_affected: component_not_present|not_affected|component_not_present||",
        "vex|fixed|fixed|||",
        "vex|status: fixed in 1.2|fixed|||",
        "vex|the service never parses YAML|not_affected||the service never parses YAML|",
        "vex||not_affected||not affected according to VEX vex.json|",
        "ignorefile|test image only|affected|||Risk accepted by ignorefile vex.json (owner ops) until 2027-01-01: test image only",
        "exception||affected|||Risk accepted by exception vex.json (owner ops) until 2027-01-01",
      })
  void suppressionsMapToVexStatuses(String kind, String statement, String status, String justification, String impact, String action) {
    ScanReport.Suppressed s = new ScanReport.Suppressed(ReportFixture.LODASH_VEXED, "vex.json", kind, statement,
        kind.equals("vex") ? null : "ops", kind.equals("vex") ? null : LocalDate.parse("2027-01-01"));
    assertThat(VexStatus.of(s)).isEqualTo(new VexStatus(status, justification, impact, action));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "FIXED|3.3.2-r1|Update busybox to 3.3.2-r1 or later",
        "AFFECTED||No fix is available yet; mitigate or wait for a fixed version",
        "WILL_NOT_FIX||The distribution will not fix this vulnerability; mitigate or replace busybox",
        "FIX_DEFERRED||The distribution has deferred a fix; mitigate until it ships",
        "END_OF_LIFE||The package or release is end of life; move to a supported release",
      })
  void openFindingsAreAffectedWithAnAction(Finding.Status status, String fixed, String action) {
    Finding f = new Finding(ReportFixture.BUSYBOX, "Alpine:v3.20", "CVE-2023-1", List.of(), List.of("A"), io.drydock.model.Severity.LOW,
        null, status, fixed == null ? List.of() : List.of(fixed), null, "osv");
    assertThat(VexStatus.of(f)).isEqualTo(new VexStatus("affected", null, null, action));
  }
}
