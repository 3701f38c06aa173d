package io.drydock.scan.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.Finding;
import io.drydock.model.ImageMetadata;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one rule per vulnerability id (with {@code help} and the
 * {@code security-severity} property GitHub ranks alerts by), one result per finding with {@code ruleId},
 * {@code level}, {@code message} and a location: the file the package was read from for language packages,
 * the image's repository for OS packages. Suppressed findings are results with a {@code suppressions} entry.
 */
final class SarifReport {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private SarifReport() {}

  static ObjectNode toJson(ScanReport report, String toolVersion) {
    ObjectNode doc = JsonReport.JSON.createObjectNode();
    doc.put("version", "2.1.0");
    doc.put("$schema", SCHEMA);
    ObjectNode run = doc.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "drydock");
    driver.put("fullName", "drydock vulnerability scanner");
    driver.put("informationUri", "https://github.com/drydock-project/drydock");
    driver.put("version", toolVersion);
    List<Finding> all = new ArrayList<>(report.findings());
    report.suppressed().forEach(s -> all.add(s.finding()));
    all.sort(Targets.ORDER);
    Map<String, List<Finding>> byRule = new LinkedHashMap<>();
    all.stream()
        .sorted(java.util.Comparator.comparing(Finding::id))
        .forEach(f -> byRule.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f));
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (Map.Entry<String, List<Finding>> e : byRule.entrySet()) {
      ruleIndex.put(e.getKey(), ruleIndex.size());
      rules.add(rule(e.getKey(), e.getValue()));
    }
    ArrayNode results = run.putArray("results");
    for (Finding f : report.findings().stream().sorted(Targets.ORDER).toList()) {
      results.add(result(f, ruleIndex.get(f.id()), report.sbom().image(), null));
    }
    for (ScanReport.Suppressed s : report.suppressed()) {
      results.add(result(s.finding(), ruleIndex.get(s.finding().id()), report.sbom().image(), s));
    }
    run.put("columnKind", "utf16CodeUnits");
    run.putObject("originalUriBaseIds").putObject("ROOTPATH").put("uri", "file:///");
    return doc;
  }

  private static ObjectNode rule(String id, List<Finding> findings) {
    Finding first = findings.get(0);
    Severity severity = findings.stream().map(Finding::severity).max(Severity::compareTo).orElse(Severity.UNKNOWN);
    ObjectNode r = JsonReport.JSON.createObjectNode();
    r.put("id", id);
    r.put("name", ruleName(first));
    String title = first.summary() == null || first.summary().isBlank() ? id : oneLine(first.summary());
    r.putObject("shortDescription").put("text", title);
    r.putObject("fullDescription").put("text", title);
    r.putObject("defaultConfiguration").put("level", level(severity));
    r.put("helpUri", link(first));
    String text = "Vulnerability " + id + "\nSeverity: " + severity.name() + "\nPackage: " + first.pkg().name()
        + "\nFixed Version: " + (first.fixedVersions().isEmpty() ? "none" : String.join(", ", first.fixedVersions()))
        + "\nLink: " + link(first);
    String markdown = "**Vulnerability " + id + "**\n| Severity | Package | Fixed Version | Link |\n| --- | --- | --- | --- |\n|"
        + severity.name() + "|" + first.pkg().name() + "|"
        + (first.fixedVersions().isEmpty() ? "none" : String.join(", ", first.fixedVersions())) + "|[" + id + "](" + link(first) + ")|\n\n"
        + (first.summary() == null ? "" : first.summary());
    r.putObject("help").put("text", text).put("markdown", markdown);
    ObjectNode props = r.putObject("properties");
    ArrayNode tags = props.putArray("tags");
    tags.add("vulnerability").add("security").add(severity.name());
    props.put("precision", "very-high");
    props.put("security-severity", securitySeverity(findings));
    return r;
  }

  private static String ruleName(Finding f) {
    return f.pkg().type().isOsPackage() ? "OsPackageVulnerability" : "LanguageSpecificPackageVulnerability";
  }

  private static ObjectNode result(Finding f, int ruleIndex, ImageMetadata image, ScanReport.@Nullable Suppressed suppressed) {
    ObjectNode r = JsonReport.JSON.createObjectNode();
    r.put("ruleId", f.id());
    r.put("ruleIndex", ruleIndex);
    r.put("level", level(f.severity()));
    String message = "Package: " + f.pkg().name() + "\nInstalled Version: " + f.pkg().version() + "\nVulnerability " + f.id()
        + "\nSeverity: " + f.severity().name() + "\nFixed Version: "
        + (f.fixedVersions().isEmpty() ? "none" : String.join(", ", f.fixedVersions())) + "\nImage: " + image.name()
        + "\nLink: [" + f.id() + "](" + link(f) + ")";
    r.putObject("message").put("text", message);
    ObjectNode loc = r.putArray("locations").addObject();
    ObjectNode physical = loc.putObject("physicalLocation");
    physical.putObject("artifactLocation").put("uri", uri(f, image)).put("uriBaseId", "ROOTPATH");
    physical.putObject("region").put("startLine", 1).put("startColumn", 1).put("endLine", 1).put("endColumn", 1);
    loc.putObject("message").put("text", image.name() + ": " + f.pkg().name() + "@" + f.pkg().version());
    if (suppressed != null) {
      ObjectNode s = r.putArray("suppressions").addObject();
      s.put("kind", "external");
      s.put("status", "accepted");
      s.put("justification", suppressed.kind() + " " + suppressed.source()
          + (suppressed.statement() == null ? "" : ": " + suppressed.statement()));
    }
    return r;
  }

  /** The artifact a finding is located in: the file for language packages, the image repository for OS packages. */
  static String uri(Finding f, ImageMetadata image) {
    if (!f.pkg().type().isOsPackage() && !f.pkg().location().isBlank()) {
      String loc = f.pkg().location();
      int nested = loc.indexOf("!/");
      return nested > 0 ? loc.substring(0, nested) : loc;
    }
    return imageUri(image);
  }

  /** The image's repository ({@code library/alpine}), from its reference or, failing that, its name. */
  static String imageUri(ImageMetadata image) {
    if (image.ref() != null) {
      return image.ref().repository();
    }
    String name = image.name();
    int scheme = name.indexOf(':');
    if (scheme > 0 && name.substring(0, scheme).matches("oci-archive|oci|docker-archive|engine|dir|registry")) {
      name = name.substring(scheme + 1);
    }
    int at = name.indexOf('@');
    if (at > 0) {
      name = name.substring(0, at);
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon > slash && colon > 0) {
      name = name.substring(0, colon);
    }
    return name.isBlank() ? "image" : name;
  }

  /** GitHub's mapping: CRITICAL and HIGH are errors, MEDIUM a warning, LOW and UNKNOWN notes. */
  static String level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, UNKNOWN -> "note";
    };
  }

  /** Highest CVSS score of the findings; without one, a score inside the severity's band (Trivy's choice). */
  static String securitySeverity(List<Finding> findings) {
    double best = -1;
    for (Finding f : findings) {
      if (f.cvss() != null) {
        best = Math.max(best, f.cvss().score());
      }
    }
    if (best < 0) {
      Severity s = findings.stream().map(Finding::severity).max(Severity::compareTo).orElse(Severity.UNKNOWN);
      best = switch (s) {
        case CRITICAL -> 9.5;
        case HIGH -> 8.0;
        case MEDIUM -> 5.5;
        case LOW -> 2.0;
        case UNKNOWN -> 0.0;
      };
    }
    return String.format(Locale.ROOT, "%.1f", best);
  }

  static String link(Finding f) {
    String id = f.advisoryIds().isEmpty() ? f.id() : f.advisoryIds().get(0);
    if (f.id().startsWith("CVE-")) {
      id = f.id();
    }
    return "https://osv.dev/vulnerability/" + id;
  }

  private static String oneLine(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }
}
