package io.drydock.scan.report;

import io.drydock.model.Finding;
import io.drydock.model.Package;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import io.drydock.scan.sbom.CycloneDxWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.vulnerability.Vulnerability;
import org.jspecify.annotations.Nullable;

/**
 * CycloneDX 1.6 JSON: the SBOM as {@link CycloneDxWriter} writes it plus a {@code vulnerabilities} array, one
 * entry per vulnerability id (and per suppression), with {@code source}, {@code ratings} (CVSS score, vector and
 * method when known, else the severity alone), {@code affects} (bom-refs of the components) and, for suppressed
 * findings, an {@code analysis} (see {@link VexStatus} for the mapping).
 */
final class CycloneDxReport {
  private CycloneDxReport() {}

  static Bom toBom(ScanReport report, CycloneDxWriter sbomWriter) {
    Bom bom = sbomWriter.toBom(report.sbom());
    Map<Package, String> refs = new HashMap<>();
    List<Package> packages = report.sbom().packages();
    int i = 0;
    for (Component c : bom.getComponents() == null ? List.<Component>of() : bom.getComponents()) {
      if (c.getType() == Component.Type.OPERATING_SYSTEM && "os".equals(c.getBomRef())) {
        continue;
      }
      if (i < packages.size()) {
        refs.putIfAbsent(packages.get(i), c.getBomRef());
      }
      i++;
    }
    Map<String, List<Finding>> open = new LinkedHashMap<>();
    report.findings().stream().sorted(java.util.Comparator.comparing(Finding::id).thenComparing(Targets.ORDER))
        .forEach(f -> open.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f));
    List<Vulnerability> vulns = new ArrayList<>();
    for (List<Finding> group : open.values()) {
      vulns.add(vulnerability(group, refs, null));
    }
    for (ScanReport.Suppressed s : report.suppressed()) {
      vulns.add(vulnerability(List.of(s.finding()), refs, s));
    }
    if (!vulns.isEmpty()) {
      bom.setVulnerabilities(vulns);
    }
    return bom;
  }

  private static Vulnerability vulnerability(List<Finding> group, Map<Package, String> refs, ScanReport.@Nullable Suppressed suppressed) {
    Finding first = group.get(0);
    Vulnerability v = new Vulnerability();
    v.setId(first.id());
    v.setSource(source(first.dataSource(), SarifReport.link(first)));
    Set<String> aliases = new LinkedHashSet<>();
    group.forEach(f -> aliases.addAll(f.aliases()));
    for (String alias : aliases) {
      Vulnerability.Reference r = new Vulnerability.Reference();
      r.setId(alias);
      r.setSource(source("osv", "https://osv.dev/vulnerability/" + alias));
      v.addReference(r);
    }
    Finding rated = group.stream().filter(f -> f.cvss() != null).findFirst().orElse(first);
    Vulnerability.Rating rating = new Vulnerability.Rating();
    rating.setSource(source(rated.dataSource(), null));
    rating.setSeverity(severity(rated.severity()));
    if (rated.cvss() != null) {
      rating.setScore(rated.cvss().score());
      rating.setVector(rated.cvss().vector());
      rating.setMethod(method(rated.cvss().version()));
    }
    v.addRating(rating);
    if (first.summary() != null && !first.summary().isBlank()) {
      v.setDescription(first.summary());
    }
    Set<String> fixed = new LinkedHashSet<>();
    group.forEach(f -> fixed.addAll(f.fixedVersions()));
    if (!fixed.isEmpty()) {
      v.setRecommendation("Update to " + String.join(" or ", fixed) + " or later");
    }
    List<Vulnerability.Affect> affects = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Finding f : group) {
      String ref = refs.get(f.pkg());
      if (ref != null && seen.add(ref)) {
        Vulnerability.Affect a = new Vulnerability.Affect();
        a.setRef(ref);
        affects.add(a);
      }
    }
    v.setAffects(affects);
    if (suppressed != null) {
      v.setAnalysis(analysis(VexStatus.of(suppressed)));
    }
    return v;
  }

  static Vulnerability.Analysis analysis(VexStatus s) {
    Vulnerability.Analysis a = new Vulnerability.Analysis();
    switch (s.status()) {
      case "fixed" -> a.setState(Vulnerability.Analysis.State.RESOLVED);
      case "not_affected" -> {
        a.setState(Vulnerability.Analysis.State.NOT_AFFECTED);
        if (s.justification() != null) {
          a.setJustification(justification(s.justification()));
        }
        if (s.impact() != null) {
          a.setDetail(s.impact());
        }
      }
      default -> {
        a.setState(Vulnerability.Analysis.State.EXPLOITABLE);
        a.addResponse(Vulnerability.Analysis.Response.WILL_NOT_FIX);
        a.setDetail(s.action());
      }
    }
    return a;
  }

  /** The OpenVEX → CycloneDX justification mapping of the CISA VEX status guidance. */
  static Vulnerability.Analysis.Justification justification(String openVex) {
    return switch (openVex) {
      case "vulnerable_code_not_in_execute_path" -> Vulnerability.Analysis.Justification.CODE_NOT_REACHABLE;
      case "vulnerable_code_cannot_be_controlled_by_adversary" -> Vulnerability.Analysis.Justification.REQUIRES_ENVIRONMENT;
      case "inline_mitigations_already_exist" -> Vulnerability.Analysis.Justification.PROTECTED_BY_MITIGATING_CONTROL;
      default -> Vulnerability.Analysis.Justification.CODE_NOT_PRESENT;
    };
  }

  static Vulnerability.Rating.Method method(String cvssVersion) {
    return switch (cvssVersion) {
      case "2.0", "2" -> Vulnerability.Rating.Method.CVSSV2;
      case "3.0" -> Vulnerability.Rating.Method.CVSSV3;
      case "3.1" -> Vulnerability.Rating.Method.CVSSV31;
      case "4.0", "4" -> Vulnerability.Rating.Method.CVSSV4;
      default -> Vulnerability.Rating.Method.OTHER;
    };
  }

  static Vulnerability.Rating.Severity severity(Severity s) {
    return switch (s) {
      case CRITICAL -> Vulnerability.Rating.Severity.CRITICAL;
      case HIGH -> Vulnerability.Rating.Severity.HIGH;
      case MEDIUM -> Vulnerability.Rating.Severity.MEDIUM;
      case LOW -> Vulnerability.Rating.Severity.LOW;
      case UNKNOWN -> Vulnerability.Rating.Severity.UNKNOWN;
    };
  }

  private static Vulnerability.Source source(String name, @Nullable String url) {
    Vulnerability.Source s = new Vulnerability.Source();
    s.setName(name);
    if (url != null) {
      s.setUrl(url);
    }
    return s;
  }
}
