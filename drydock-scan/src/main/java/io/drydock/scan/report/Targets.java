package io.drydock.scan.report;

import io.drydock.model.Finding;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How findings are grouped for display, as Trivy does: the OS packages of the image are one target
 * ({@code alpine:3.20.3 (alpine 3.20.3)}), language packages one target per class ({@code Java}, {@code Node.js}…).
 */
final class Targets {
  private Targets() {}

  /** One group of findings. {@code kind} is Trivy's result class: {@code os-pkgs} or {@code lang-pkgs}. */
  record Target(String name, String type, String kind, List<Finding> findings, List<ScanReport.Suppressed> suppressed) {}

  static List<Target> of(ScanReport report) {
    Map<String, Target> out = new LinkedHashMap<>();
    OsInfo os = report.sbom().os();
    boolean hasOsPackages = report.sbom().packages().stream().anyMatch(p -> p.type().isOsPackage());
    if (os != null || hasOsPackages) {
      target(out, report, PackageType.DEB, os);
    }
    for (Package p : report.sbom().packages()) {
      target(out, report, p.type(), os);
    }
    for (Finding f : report.findings()) {
      target(out, report, f.pkg().type(), os).findings().add(f);
    }
    for (ScanReport.Suppressed s : report.suppressed()) {
      target(out, report, s.finding().pkg().type(), os).suppressed().add(s);
    }
    for (Target t : out.values()) {
      t.findings().sort(ORDER);
      t.suppressed().sort(Comparator.comparing(ScanReport.Suppressed::finding, ORDER));
    }
    return List.copyOf(out.values());
  }

  /** Library, then most severe first, then id. */
  static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> f.pkg().name())
          .thenComparing(f -> f.pkg().version())
          .thenComparing(Finding::severity, Comparator.reverseOrder())
          .thenComparing(Finding::id);

  private static Target target(Map<String, Target> out, ScanReport report, PackageType type, @Nullable OsInfo os) {
    String key = type.isOsPackage() ? "os" : type.name();
    return out.computeIfAbsent(
        key,
        k -> type.isOsPackage()
            ? new Target(report.sbom().image().name() + (os == null ? "" : " (" + os.family() + " " + os.version() + ")"),
                os == null ? "unknown" : os.family(), "os-pkgs", new ArrayList<>(), new ArrayList<>())
            : new Target(languageName(type), type.purlType(), "lang-pkgs", new ArrayList<>(), new ArrayList<>()));
  }

  static String languageName(PackageType type) {
    return switch (type) {
      case MAVEN -> "Java";
      case NPM -> "Node.js";
      case PYPI -> "Python";
      case GOLANG -> "Go";
      case CARGO -> "Rust";
      case GEM -> "Ruby";
      case NUGET -> ".NET";
      case COMPOSER -> "PHP";
      case DEB, APK, RPM -> type.purlType();
    };
  }

  /** Count per severity, every severity present (zeros included), least severe first. */
  static Map<Severity, Integer> counts(List<Finding> findings) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
    return counts;
  }

  /** Trivy's status words: {@code fixed}, {@code affected}, {@code will_not_fix}, {@code fix_deferred}, {@code end_of_life}. */
  static String status(Finding.Status s) {
    return s.name().toLowerCase(Locale.ROOT);
  }
}
