package io.drydock.scan.report;

import io.drydock.model.DrydockException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats a {@link io.drydock.model.ScanReport} can be written in ({@code --format}). */
public enum ReportFormat {
  /** Trivy-like text tables per target: summary line, findings, suppressed findings, expired rules. */
  TABLE("table"),
  /** drydock's own JSON, {@code "schema": "drydock.scan/v1"} (docs/formats.md). */
  JSON("json"),
  /** SARIF 2.1.0, as GitHub code scanning reads it. */
  SARIF("sarif"),
  /** CycloneDX 1.6 JSON: the SBOM's components plus a {@code vulnerabilities} array. */
  CYCLONEDX("cyclonedx"),
  /** OpenVEX v0.2.0 document. */
  OPENVEX("openvex");

  private final String id;

  ReportFormat(String id) {
    this.id = id;
  }

  /** The name used on the command line ({@code table}, {@code json}, {@code sarif}, {@code cyclonedx}, {@code openvex}). */
  public String id() {
    return id;
  }

  /**
   * Parses a format name case-insensitively.
   *
   * @throws DrydockException USAGE for an unknown name
   */
  public static ReportFormat parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    for (ReportFormat f : values()) {
      if (f.id.equals(t)) {
        return f;
      }
    }
    throw DrydockException.usage(
        "Tried to choose the report format '" + text + "' but failed because: it is none of "
            + Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
