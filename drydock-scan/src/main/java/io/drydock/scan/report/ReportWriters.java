package io.drydock.scan.report;

import io.drydock.model.ScanReport;
import io.drydock.scan.sbom.CycloneDxWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;

/**
 * Writes a {@link ScanReport} in one of the {@link ReportFormat}s. Pure apart from the stream it writes to: the
 * clock (for the CycloneDX timestamp; the other formats use {@link ScanReport#createdAt()}) and the tool version
 * are given at construction. Output is deterministic for a given report, clock and version.
 */
public final class ReportWriters {
  private final Clock clock;
  private final String toolVersion;

  public ReportWriters(Clock clock, String toolVersion) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
  }

  /** Writes {@code report} as {@code format} to {@code out} (UTF-8, ending with a newline); does not close it. */
  public void write(ScanReport report, ReportFormat format, OutputStream out) throws IOException {
    switch (format) {
      case TABLE -> out.write(TableReport.render(report, clock).getBytes(StandardCharsets.UTF_8));
      case JSON -> json(JsonReport.toJson(report, clock, toolVersion), out);
      case SARIF -> json(SarifReport.toJson(report, toolVersion), out);
      case OPENVEX -> json(OpenVexReport.toJson(report, toolVersion), out);
      case CYCLONEDX -> {
        try {
          String json = BomGeneratorFactory.createJson(
              Version.VERSION_16, CycloneDxReport.toBom(report, new CycloneDxWriter(clock, toolVersion))).toJsonString(true);
          out.write(json.getBytes(StandardCharsets.UTF_8));
          out.write('\n');
        } catch (GeneratorException e) {
          throw new IOException("Tried to write a CycloneDX vulnerability report but failed because: " + e.getMessage(), e);
        }
      }
    }
    out.flush();
  }

  /** The report as a string (for tests and small outputs). */
  public String toString(ScanReport report, ReportFormat format) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    try {
      write(report, format, buf);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static void json(com.fasterxml.jackson.databind.JsonNode doc, OutputStream out) throws IOException {
    out.write(JsonReport.JSON.writeValueAsBytes(doc));
    out.write('\n');
  }
}
