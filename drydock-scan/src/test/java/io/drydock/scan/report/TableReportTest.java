package io.drydock.scan.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Finding;
import io.drydock.model.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableReportTest {

  @Test
  void rendersTargetsSuppressedAndExpiredSections() {
    String out = new ReportWriters(ReportFixture.CLOCK, "dev").toString(ReportFixture.report(), ReportFormat.TABLE);
    assertThat(out).isEqualTo("""
        Vulnerability DB: 612345 advisories, updated 2026-11-21T04:00:00Z (1d 6h ago)

        127.0.0.1:5000/fixtures/alpine:3.20.3 (alpine 3.20.3)
        =====================================================
        Total: 2 (UNKNOWN: 1, LOW: 0, MEDIUM: 1, HIGH: 0, CRITICAL: 0)

        Library  Vulnerability   Severity  Status    Installed   Fixed     Title
        -------  --------------  --------  --------  ----------  --------  ------------------------------------------------------------
        busybox  CVE-2023-42363  UNKNOWN   affected  1.36.1-r29  -         -
        libssl3  CVE-2024-9143   MEDIUM    fixed     3.3.2-r0    3.3.2-r1  Low-level invalid GF(2^m) parameters lead to OOB memory acc…

        Java (maven)
        ============
        Total: 1 (UNKNOWN: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 1)

        Library                                      Vulnerability  Severity  Status  Installed  Fixed     Title
        -------------------------------------------  -------------  --------  ------  ---------  --------  -----------------------------------------------------
        com.fasterxml.jackson.core:jackson-databind  CVE-2020-8840  CRITICAL  fixed   2.9.10.1   2.9.10.3  Deserialization of Untrusted Data in jackson-databind

        Node.js (npm)
        =============
        Total: 0 (UNKNOWN: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0)

        Suppressed Vulnerabilities (Total: 2)
        =====================================
        Library                                      Vulnerability   Severity  Status      Statement                            Source            Owner   Expires
        -------------------------------------------  --------------  --------  ----------  -----------------------------------  ----------------  ------  ----------
        com.fasterxml.jackson.core:jackson-databind  CVE-2019-20330  CRITICAL  ignorefile  no polymorphic typing in use         .trivyignore:3    team-a  2027-01-31
        lodash                                       CVE-2020-8203   HIGH      vex         vulnerable_code_not_in_execute_path  vex.openvex.json  -       -

        Expired rules (Total: 1): they no longer suppress anything
        ==========================================================
        Vulnerability  Source          Expired on  Owner
        -------------  --------------  ----------  ------
        CVE-2021-3711  .trivyignore:7  2026-10-01  team-b

        """);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|0|Total: 0 (UNKNOWN: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0)",
        "CRITICAL|1|Total: 1 (UNKNOWN: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 1)",
        "LOW,LOW,HIGH,UNKNOWN|4|Total: 4 (UNKNOWN: 1, LOW: 2, MEDIUM: 0, HIGH: 1, CRITICAL: 0)",
      })
  void summaryLineCountsEverySeverity(String severities, int n, String expected) {
    List<Finding> findings = severities.isEmpty() ? List.of()
        : List.of(severities.split(",")).stream()
            .map(s -> new Finding(ReportFixture.BUSYBOX, "Alpine:v3.20", "CVE-2024-" + s.hashCode(), List.of(), List.of("X"),
                Severity.valueOf(s), null, Finding.Status.AFFECTED, List.of(), null, "osv"))
            .toList();
    assertThat(findings).hasSize(n);
    assertThat(TableReport.total(findings)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "short title|short title",
        "'  two\n lines\tand tabs '|two lines and tabs",
        "a very long advisory title that goes on and on beyond the sixty columns|a very long advisory title that goes on and on beyond the s…",
      })
  void titlesAreOneLineAndShortened(String summary, String expected) {
    assertThat(TableReport.title(summary)).isEqualTo(expected).hasSizeLessThanOrEqualTo(TableReport.TITLE_WIDTH);
  }

  @ParameterizedTest
  @CsvSource({"PT0S,0m", "PT59M,59m", "PT3H,3h", "P1DT6H,1d 6h", "P40D,40d", "-PT1H,0m"})
  void ageIsShort(Duration d, String expected) {
    assertThat(TableReport.age(d)).isEqualTo(expected);
  }

  @Test
  void controlCharactersInAdvisoryTextCannotReachTheTerminal() {
    TableReport.TextTable t = new TableReport.TextTable("A");
    t.row("evil\u001b[2Jtext\u0007");
    assertThat(t.render()).doesNotContain("\u001b").doesNotContain("\u0007").contains("evil [2Jtext");
  }
}
