package io.drydock.store.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.Severity;
import io.drydock.model.event.LedgerEvent;
import org.junit.jupiter.api.Test;

class ReportWriterTest {
  static Metrics.Report sample() {
    var log = new MetricsTest.Log().run(0, "h/web", "web", MetricsTest.D1)
        .finding(1, MetricsTest.D1, "CVE-A", Severity.HIGH, "3.0.2").finding(1, MetricsTest.D1, "CVE-<b>", Severity.CRITICAL)
        .patch(5, "web").run(5, "h/web", "web", MetricsTest.D2).finding(6, MetricsTest.D2, "CVE-<b>", Severity.CRITICAL)
        .at(7, new LedgerEvent.PatchReverted("web", MetricsTest.D1, MetricsTest.D2, "5xx"));
    return MetricsTest.report(log, 24 * 10);
  }

  @Test
  void everyFormatCarriesTheFigures() throws Exception {
    Metrics.Report r = sample();
    assertThat(ReportWriter.render(r, ReportWriter.Format.md)).contains("| patched images | 1 |", "| HIGH | 1 | 4.0 | 4.0 | 4.0 |",
        "| regression rate | 100.0% (1 of 1 patch rollouts) |", "CVE-<b>");
    var json = new ObjectMapper().readTree(ReportWriter.render(r, ReportWriter.Format.json));
    assertThat(json.path("mttpBySeverity").path("HIGH").path("meanSeconds").asLong()).isEqualTo(4 * 3600);
    assertThat(json.path("open").get(0).path("sla").asText()).isEqualTo("overdue");
    assertThat(ReportWriter.render(r, ReportWriter.Format.csv)).contains("mttp_severity,HIGH,1,4.0,4.0,4.0\n", "regression_rate,,1,1.0000,,\n");
  }

  @Test
  void htmlIsOneFileWithSvgChartsAndEscapedText() {
    String html = ReportWriter.render(sample(), ReportWriter.Format.html);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg id=\"mttp\"", "<svg id=\"open\"", "CVE-&lt;b&gt;")
        .contains("<rect").doesNotContain("CVE-<b>", "<script", " src=", "<link", "url(");
  }
}
