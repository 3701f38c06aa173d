package io.drydock.scan.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.Finding;
import io.drydock.model.ImageMetadata;
import io.drydock.model.ScanReport;
import io.drydock.model.PackageUrl;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An OpenVEX v0.2.0 document (https://github.com/openvex/spec): one statement per finding, its product the image
 * ({@code pkg:oci/…@sha256:…}) with the package as subcomponent, or the package itself when the image has no
 * manifest digest. Statuses per {@link VexStatus}.
 */
final class OpenVexReport {
  static final String CONTEXT = "https://openvex.dev/ns/v0.2.0";

  private OpenVexReport() {}

  static ObjectNode toJson(ScanReport report, String toolVersion) {
    ObjectNode doc = JsonReport.JSON.createObjectNode();
    doc.put("@context", CONTEXT);
    doc.put("@id", "urn:uuid:" + documentId(report));
    doc.put("author", "drydock");
    doc.put("role", "Scanner");
    doc.put("timestamp", JsonReport.time(report.createdAt()));
    doc.put("version", 1);
    doc.put("tooling", "drydock " + toolVersion);
    ArrayNode statements = doc.putArray("statements");
    String image = imagePurl(report.sbom().image());
    for (Finding f : report.findings().stream().sorted(Targets.ORDER).toList()) {
      statements.add(statement(f, VexStatus.of(f), image));
    }
    for (ScanReport.Suppressed s : report.suppressed()) {
      statements.add(statement(s.finding(), VexStatus.of(s), image));
    }
    return doc;
  }

  private static ObjectNode statement(Finding f, VexStatus status, @Nullable String image) {
    ObjectNode st = JsonReport.JSON.createObjectNode();
    ObjectNode vuln = st.putObject("vulnerability");
    vuln.put("name", f.id());
    if (!f.aliases().isEmpty()) {
      ArrayNode aliases = vuln.putArray("aliases");
      f.aliases().forEach(aliases::add);
    }
    ObjectNode product = st.putArray("products").addObject();
    if (image != null) {
      product.put("@id", image);
      product.putArray("subcomponents").addObject().put("@id", f.pkg().purl());
    } else {
      product.put("@id", f.pkg().purl());
    }
    st.put("status", status.status());
    if (status.justification() != null) {
      st.put("justification", status.justification());
    }
    if (status.impact() != null) {
      st.put("impact_statement", status.impact());
    }
    if (status.action() != null) {
      st.put("action_statement", status.action());
    }
    return st;
  }

  /** {@code pkg:oci/NAME@sha256:…?repository_url=REGISTRY/REPO}, or null when the image has no manifest digest. */
  static @Nullable String imagePurl(ImageMetadata image) {
    if (image.manifestDigest() == null) {
      return null;
    }
    String name = image.ref() != null ? image.ref().repository() : SarifReport.imageUri(image);
    String last = name.substring(name.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
    PackageUrl purl = PackageUrl.of("oci", null, last.isBlank() ? "image" : last, image.manifestDigest().toString());
    if (image.ref() != null) {
      purl = purl.withQualifier("repository_url", image.ref().registry() + "/" + image.ref().repository());
    }
    return purl.toString();
  }

  private static UUID documentId(ScanReport report) {
    StringBuilder key = new StringBuilder(report.sbom().image().name()).append(report.createdAt());
    report.findings().forEach(f -> key.append(f.id()).append(f.pkg().purl()));
    report.suppressed().forEach(s -> key.append(s.finding().id()).append(s.source()));
    return UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8));
  }
}
