package io.drydock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.Finding;
import io.drydock.model.Package;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import io.drydock.model.Skip;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The scan command's own table and JSON output, until the report writers of io.drydock.scan.report (table, json,
 * sarif, cyclonedx, openvex) are merged; then the command switches to them.
 */
final class ScanOutput {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ScanOutput() {}

  static void json(ScanReport report, boolean listAllPkgs, String toolVersion, OutputStream out) throws IOException {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("schema", "drydock.scan/v0");
    doc.put("tool", "drydock " + toolVersion);
    doc.put("createdAt", report.createdAt().toString());
    ObjectNode target = doc.putObject("target");
    target.put("name", report.sbom().image().name());
    put(target, "manifestDigest", report.sbom().image().manifestDigest());
    put(target, "os", report.sbom().os());
    if (report.db() != null) {
      ObjectNode db = doc.putObject("db");
      db.put("schemaVersion", report.db().schemaVersion());
      put(db, "updatedAt", report.db().updatedAt());
      db.put("advisories", report.db().advisories());
    }
    ArrayNode findings = doc.putArray("findings");
    report.findings().forEach(f -> finding(findings.addObject(), f));
    ArrayNode suppressed = doc.putArray("suppressed");
    for (ScanReport.Suppressed s : report.suppressed()) {
      ObjectNode n = suppressed.addObject();
      finding(n.putObject("finding"), s.finding());
      n.put("source", s.source());
      n.put("kind", s.kind());
      put(n, "statement", s.statement());
      put(n, "owner", s.owner());
      put(n, "expires", s.expires());
    }
    ArrayNode expired = doc.putArray("expired");
    for (ScanReport.ExpiredRule r : report.expired()) {
      ObjectNode n = expired.addObject();
      n.put("id", r.id());
      n.put("source", r.source());
      n.put("expiredOn", r.expiredOn().toString());
      put(n, "owner", r.owner());
    }
    Set<Package> vulnerable = new HashSet<>();
    report.findings().forEach(f -> vulnerable.add(f.pkg()));
    ArrayNode packages = doc.putArray("packages");
    for (Package p : report.sbom().packages()) {
      if (listAllPkgs || vulnerable.contains(p)) {
        ObjectNode n = packages.addObject();
        n.put("type", p.type().purlType());
        n.put("name", p.name());
        n.put("version", p.version());
        put(n, "sourceName", p.sourceName());
        put(n, "sourceVersion", p.sourceVersion());
        n.put("purl", p.purl());
        n.put("location", p.location());
      }
    }
    ArrayNode skipped = doc.putArray("skipped");
    for (Skip s : report.sbom().skipped()) {
      skipped.addObject().put("where", s.where()).put("reason", s.reason());
    }
    out.write(JSON.writeValueAsBytes(doc));
    out.write('\n');
  }

  private static void finding(ObjectNode n, Finding f) {
    n.put("id", f.id());
    ArrayNode aliases = n.putArray("aliases");
    f.aliases().forEach(aliases::add);
    ArrayNode advisories = n.putArray("advisoryIds");
    f.advisoryIds().forEach(advisories::add);
    n.put("severity", f.severity().name());
    n.put("status", f.status().name().toLowerCase(java.util.Locale.ROOT));
    n.put("ecosystem", f.ecosystem());
    n.put("pkgName", f.pkg().name());
    n.put("installedVersion", f.pkg().version());
    put(n, "sourceName", f.pkg().sourceName());
    ArrayNode fixed = n.putArray("fixedVersions");
    f.fixedVersions().forEach(fixed::add);
    n.put("purl", f.pkg().purl());
    n.put("location", f.pkg().location());
    put(n, "layer", f.pkg().layer());
    put(n, "summary", f.summary());
    n.put("dataSource", f.dataSource());
  }

  static void table(ScanReport report, OutputStream out) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("Target: ").append(report.sbom().image().name());
    if (report.sbom().os() != null) {
      sb.append(" (").append(report.sbom().os()).append(')');
    }
    sb.append('\n');
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    report.findings().forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    sb.append("Total: ").append(report.findings().size()).append(" (");
    Severity[] order = {Severity.UNKNOWN, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL};
    for (int i = 0; i < order.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(order[i]).append(": ").append(counts.getOrDefault(order[i], 0));
    }
    sb.append(')');
    if (!report.suppressed().isEmpty()) {
      sb.append("   Suppressed: ").append(report.suppressed().size());
    }
    sb.append("\n\n");
    if (!report.findings().isEmpty()) {
      Table t = new Table("LIBRARY", "VULNERABILITY", "SEVERITY", "STATUS", "INSTALLED", "FIXED", "TITLE");
      for (Finding f : report.findings()) {
        t.row(f.pkg().name(), f.id(), f.severity(), f.status().name().toLowerCase(java.util.Locale.ROOT), f.pkg().version(),
            f.fixedVersions().isEmpty() ? null : String.join(", ", f.fixedVersions()), title(f.summary()));
      }
      sb.append(t.render());
    }
    if (!report.suppressed().isEmpty()) {
      sb.append("\nSuppressed:\n");
      Table t = new Table("LIBRARY", "VULNERABILITY", "BY", "STATEMENT");
      for (ScanReport.Suppressed s : report.suppressed()) {
        t.row(s.finding().pkg().name(), s.finding().id(), s.source(), title(s.statement()));
      }
      sb.append(t.render());
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static @Nullable String title(@Nullable String s) {
    if (s == null) {
      return null;
    }
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > 60 ? one.substring(0, 59) + "…" : one;
  }

  private static void put(ObjectNode n, String field, @Nullable Object value) {
    if (value == null) {
      n.putNull(field);
    } else {
      n.put(field, value.toString());
    }
  }
}
