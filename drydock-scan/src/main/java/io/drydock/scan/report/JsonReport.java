package io.drydock.scan.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.Finding;
import io.drydock.model.Package;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import io.drydock.model.Skip;
import io.drydock.scan.sbom.JsonSbomWriter;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * drydock's scan JSON, {@code "schema": "drydock.scan/v1"} (docs/formats.md). Within v1 fields are only added;
 * a removal or a change of meaning bumps the schema.
 */
final class JsonReport {
  static final String SCHEMA = "drydock.scan/v1";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static ObjectNode toJson(ScanReport report, Clock clock, String toolVersion) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("schema", SCHEMA);
    doc.put("createdAt", time(report.createdAt()));
    doc.put("tool", "drydock " + toolVersion);
    ObjectNode sbom = new JsonSbomWriter(clock, toolVersion).toJson(report.sbom());
    doc.set("image", sbom.get("image"));
    doc.set("os", sbom.get("os"));
    doc.put("packages", report.sbom().packages().size());
    if (report.db() != null) {
      ObjectNode db = doc.putObject("db");
      db.put("schemaVersion", report.db().schemaVersion());
      if (report.db().updatedAt() != null) {
        db.put("updatedAt", time(report.db().updatedAt()));
      } else {
        db.putNull("updatedAt");
      }
      db.put("advisories", report.db().advisories());
    } else {
      doc.putNull("db");
    }
    ObjectNode summary = doc.putObject("summary");
    summary.put("total", report.findings().size());
    ObjectNode bySeverity = summary.putObject("bySeverity");
    for (Map.Entry<Severity, Integer> e : Targets.counts(report.findings()).entrySet()) {
      bySeverity.put(e.getKey().name(), e.getValue());
    }
    summary.put("suppressed", report.suppressed().size());
    summary.put("expiredRules", report.expired().size());
    ArrayNode findings = doc.putArray("findings");
    report.findings().stream().sorted(Targets.ORDER).forEach(f -> findings.add(finding(f)));
    ArrayNode suppressed = doc.putArray("suppressed");
    for (ScanReport.Suppressed s : report.suppressed()) {
      ObjectNode n = suppressed.addObject();
      n.set("finding", finding(s.finding()));
      n.put("source", s.source());
      n.put("kind", s.kind());
      put(n, "statement", s.statement());
      put(n, "owner", s.owner());
      put(n, "expires", s.expires());
    }
    ArrayNode expired = doc.putArray("expired");
    for (ScanReport.ExpiredRule e : report.expired()) {
      ObjectNode n = expired.addObject();
      n.put("id", e.id());
      n.put("source", e.source());
      n.put("expiredOn", e.expiredOn().toString());
      put(n, "owner", e.owner());
    }
    ArrayNode skipped = doc.putArray("skipped");
    for (Skip s : report.sbom().skipped()) {
      skipped.addObject().put("where", s.where()).put("reason", s.reason());
    }
    return doc;
  }

  static ObjectNode finding(Finding f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", f.id());
    strings(n, "aliases", f.aliases());
    strings(n, "advisoryIds", f.advisoryIds());
    n.put("severity", f.severity().name());
    if (f.cvss() != null) {
      n.putObject("cvss").put("version", f.cvss().version()).put("vector", f.cvss().vector()).put("score", f.cvss().score());
    } else {
      n.putNull("cvss");
    }
    n.put("status", Targets.status(f.status()));
    strings(n, "fixedVersions", f.fixedVersions());
    put(n, "summary", f.summary());
    n.put("ecosystem", f.ecosystem());
    n.put("dataSource", f.dataSource());
    Package p = f.pkg();
    ObjectNode pkg = n.putObject("package");
    pkg.put("type", p.type().purlType());
    pkg.put("name", p.name());
    pkg.put("version", p.version());
    put(pkg, "sourceName", p.sourceName());
    put(pkg, "sourceVersion", p.sourceVersion());
    put(pkg, "arch", p.arch());
    pkg.put("purl", p.purl());
    pkg.put("location", p.location());
    put(pkg, "layer", p.layer());
    return n;
  }

  static String time(java.time.Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  private static void strings(ObjectNode n, String field, List<String> values) {
    ArrayNode a = n.putArray(field);
    values.forEach(a::add);
  }

  private static void put(ObjectNode n, String field, @Nullable Object value) {
    if (value == null) {
      n.putNull(field);
    } else {
      n.put(field, value.toString());
    }
  }
}
