package io.drydock.policy.filter;

import io.drydock.model.Finding;
import io.drydock.model.ImageMetadata;
import io.drydock.model.Package;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import io.drydock.model.PackageUrl;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The scan's filters, with Trivy's meanings (pure). In order:
 *
 * <ol>
 *   <li>{@code --severity}: findings of other severities are dropped (not reported at all);
 *   <li>{@code --ignore-unfixed}: findings without a fixed version are dropped;
 *   <li>ignore rules (ignore files, exceptions): a matching rule that has not expired moves the finding to
 *       {@code suppressed} with the rule's source;
 *   <li>VEX: the last applicable statement decides; {@code not_affected} / {@code fixed} suppress.
 * </ol>
 *
 * Rules whose expiry date has come are listed in {@code expired} (each once, whether or not they match anything)
 * and suppress nothing.
 */
public final class FindingFilter {
  private FindingFilter() {}

  /**
   * What to filter by.
   *
   * @param severities the severities to keep; empty keeps all
   */
  public record Criteria(Set<Severity> severities, boolean ignoreUnfixed, List<IgnoreRule> rules, List<VexStatement> vex) {
    public Criteria {
      severities = Set.copyOf(severities);
      rules = List.copyOf(rules);
      vex = List.copyOf(vex);
    }

    public static Criteria none() {
      return new Criteria(Set.of(), false, List.of(), List.of());
    }
  }

  /** The outcome: what remains, what was suppressed and by what, which rules expired, and how many were dropped. */
  public record Outcome(
      List<Finding> findings,
      List<ScanReport.Suppressed> suppressed,
      List<ScanReport.ExpiredRule> expired,
      int droppedBySeverity,
      int droppedUnfixed) {
    public Outcome {
      findings = List.copyOf(findings);
      suppressed = List.copyOf(suppressed);
      expired = List.copyOf(expired);
    }
  }

  public static Outcome apply(List<Finding> findings, Criteria c, @Nullable ImageMetadata image, LocalDate today) {
    Map<String, ScanReport.ExpiredRule> expired = new LinkedHashMap<>();
    List<IgnoreRule> active = new ArrayList<>();
    for (IgnoreRule r : c.rules()) {
      if (r.isExpired(today)) {
        expired.putIfAbsent(r.source() + "|" + r.id(), new ScanReport.ExpiredRule(r.id(), r.source(), Objects.requireNonNull(r.expires()), r.owner()));
      } else {
        active.add(r);
      }
    }
    List<Finding> kept = new ArrayList<>();
    List<ScanReport.Suppressed> suppressed = new ArrayList<>();
    int bySeverity = 0;
    int unfixed = 0;
    for (Finding f : findings) {
      if (!c.severities().isEmpty() && !c.severities().contains(f.severity())) {
        bySeverity++;
        continue;
      }
      if (c.ignoreUnfixed() && !f.isFixable()) {
        unfixed++;
        continue;
      }
      IgnoreRule rule = active.stream().filter(r -> applies(r, f)).findFirst().orElse(null);
      if (rule != null) {
        suppressed.add(new ScanReport.Suppressed(f, rule.source(), rule.kind(), rule.statement(), rule.owner(), rule.expires()));
        continue;
      }
      VexStatement vex = null;
      for (VexStatement s : c.vex()) {
        if (applies(s, f, image)) {
          vex = s;
        }
      }
      if (vex != null && vex.status().suppresses()) {
        String why = vex.status().spelling()
            + (vex.justification() != null ? ": " + vex.justification() : vex.impactStatement() != null ? ": " + vex.impactStatement() : "");
        suppressed.add(new ScanReport.Suppressed(f, vex.source(), "vex", why, null, null));
        continue;
      }
      kept.add(f);
    }
    return new Outcome(kept, suppressed, List.copyOf(expired.values()), bySeverity, unfixed);
  }

  static boolean applies(IgnoreRule r, Finding f) {
    if (!namesVulnerability(List.of(r.id()), f)) {
      return false;
    }
    Package p = f.pkg();
    if (r.packageName() != null && !r.packageName().equals(p.name()) && !r.packageName().equals(p.sourceName())) {
      return false;
    }
    if (!r.paths().isEmpty() && r.paths().stream().noneMatch(g -> glob(g, p.location()))) {
      return false;
    }
    return r.purls().isEmpty() || r.purls().stream().anyMatch(u -> purlMatches(u, p.purl()));
  }

  static boolean applies(VexStatement s, Finding f, @Nullable ImageMetadata image) {
    if (!namesVulnerability(s.vulnerabilities(), f)) {
      return false;
    }
    for (VexStatement.Product product : s.products()) {
      if (purlMatches(product.id(), f.pkg().purl())) {
        return true;
      }
      if (isImage(product.id(), image)
          && (product.subcomponents().isEmpty() || product.subcomponents().stream().anyMatch(sub -> purlMatches(sub, f.pkg().purl())))) {
        return true;
      }
    }
    return false;
  }

  private static boolean namesVulnerability(List<String> ids, Finding f) {
    for (String id : ids) {
      if (id.equalsIgnoreCase(f.id()) || f.aliases().stream().anyMatch(id::equalsIgnoreCase)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A rule's purl matches a package's when type, namespace and name are equal, the rule's version (if any) is equal,
   * and every qualifier the rule names has the same value.
   */
  static boolean purlMatches(String rulePurl, String packagePurl) {
    PackageUrl r;
    PackageUrl p;
    try {
      r = PackageUrl.parse(rulePurl.strip());
      p = PackageUrl.parse(packagePurl);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (!r.type().equals(p.type()) || !Objects.equals(lower(r.namespace(), r.type()), lower(p.namespace(), p.type()))
        || !lower(r.name(), r.type()).equals(lower(p.name(), p.type()))) {
      return false;
    }
    if (r.version() != null && !r.version().equals(p.version())) {
      return false;
    }
    return r.qualifiers().entrySet().stream().allMatch(e -> e.getValue().equals(p.qualifiers().get(e.getKey())));
  }

  private static @Nullable String lower(@Nullable String s, String type) {
    // purl types whose names are case-insensitive
    return s != null && (type.equals("pypi") || type.equals("npm") || type.equals("deb") || type.equals("apk")) ? s.toLowerCase(Locale.ROOT) : s;
  }

  /** A VEX product names the scanned image: by digest (a pkg:oci purl or NAME@sha256:…) or by its exact name. */
  static boolean isImage(String product, @Nullable ImageMetadata image) {
    if (image == null) {
      return false;
    }
    List<String> digests = new ArrayList<>();
    if (image.manifestDigest() != null) {
      digests.add(image.manifestDigest().toString());
    }
    if (image.indexDigest() != null) {
      digests.add(image.indexDigest().toString());
    }
    if (product.startsWith("pkg:oci/")) {
      try {
        PackageUrl u = PackageUrl.parse(product);
        return u.version() != null && digests.contains(u.version());
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    int at = product.lastIndexOf('@');
    if (at > 0 && digests.contains(product.substring(at + 1))) {
      return true;
    }
    return product.equals(image.name()) || (image.ref() != null && product.equals(image.ref().toString()))
        || image.repoTags().contains(product);
  }

  /** Glob over '/'-separated paths: {@code **} any characters ({@code **}/ also none), {@code *} and {@code ?} within one segment. */
  static boolean glob(String pattern, String path) {
    String p = strip(pattern);
    String s = strip(path);
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < p.length(); i++) {
      char ch = p.charAt(i);
      if (ch == '*' && i + 2 < p.length() && p.charAt(i + 1) == '*' && p.charAt(i + 2) == '/') {
        re.append("(?:.*/)?");
        i += 2;
      } else if (ch == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (ch == '*') {
        re.append("[^/]*");
      } else if (ch == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(re.toString()).matcher(s).matches();
  }

  private static String strip(String path) {
    String s = path;
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    return s;
  }
}
