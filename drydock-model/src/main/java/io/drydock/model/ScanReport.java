package io.drydock.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of scanning one target (an image or an SBOM): what is in it, what is vulnerable after policy
 * filters, what was suppressed and by which rule, and which rules have expired.
 *
 * @param findings findings that remain after every filter (severity, unfixed, ignore files, VEX)
 * @param suppressed findings removed by an ignore rule or VEX statement, with the rule that removed them
 * @param expired rules that no longer suppress because their expiry date has passed
 * @param db the vulnerability database the scan used
 */
public record ScanReport(
    Sbom sbom,
    List<Finding> findings,
    List<Suppressed> suppressed,
    List<ExpiredRule> expired,
    @Nullable DbInfo db,
    Instant createdAt) {

  public ScanReport {
    findings = List.copyOf(findings);
    suppressed = List.copyOf(suppressed);
    expired = List.copyOf(expired);
  }

  /**
   * A finding an ignore rule or VEX statement removed.
   *
   * @param source where the rule is: {@code .trivyignore:12}, {@code exceptions.yaml:4}, {@code vex.json}
   * @param kind {@code ignorefile}, {@code exception} or {@code vex}
   * @param statement the justification or VEX status text, if any
   */
  public record Suppressed(Finding finding, String source, String kind, @Nullable String statement, @Nullable String owner,
      @Nullable LocalDate expires) {}

  /** A rule whose expiry date has passed: it no longer suppresses, and the scan warns about it. */
  public record ExpiredRule(String id, String source, LocalDate expiredOn, @Nullable String owner) {}

  /** The vulnerability database a scan used. */
  public record DbInfo(int schemaVersion, @Nullable Instant updatedAt, long advisories) {}
}
