package io.drydock.scan.analyzer.os;

import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.scan.analyzer.ospkg.OsPurls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the OS analyzers found in the final view of an image into its OS and finished OS packages.
 * Called once per image by the SBOM builder, after layers are applied.
 */
public final class OsDetection {
  private OsDetection() {}

  /**
   * The image's OS from the release files still present in the final view, keyed by path
   * ({@code etc/os-release}, {@code etc/debian_version}, {@code etc/alpine-release} …); null if none.
   *
   * <p>The family is the os-release {@code ID} ({@code etc/os-release} before {@code usr/lib/os-release});
   * without os-release, the first release file in the order {@code lsb-release, alpine-release, centos-release,
   * rocky-release, almalinux-release, oracle-release, fedora-release, redhat-release, system-release,
   * mariner-release, SuSE-release, debian_version} decides. The version is then made more precise by the
   * other files of the <em>same</em> family: a version that extends it ({@code 12} → {@code 12.15} from
   * debian_version, {@code 7} → {@code 7.9.2009} from centos-release) or fills it when it is empty. Files of
   * another family never change it (Ubuntu's {@code debian_version} says {@code bookworm/sid}). Paths not in
   * that list are considered after it, in sorted order.
   */
  public static @Nullable OsInfo merge(Map<String, OsInfo> byPath) {
    List<OsInfo> ordered = new ArrayList<>();
    for (String path : ReleaseFiles.PATHS) {
      OsInfo os = byPath.get(path);
      if (os != null) {
        ordered.add(os);
      }
    }
    byPath.keySet().stream()
        .filter(p -> !ReleaseFiles.PATHS.contains(p))
        .sorted()
        .forEach(p -> ordered.add(byPath.get(p)));
    if (ordered.isEmpty()) {
      return null;
    }
    OsInfo base = ordered.get(0);
    String family = base.family();
    String version = base.version().strip();
    String pretty = base.prettyName();
    for (OsInfo other : ordered.subList(1, ordered.size())) {
      if (!other.family().equals(family)) {
        continue;
      }
      String v = other.version().strip();
      if (version.isEmpty() && !v.isEmpty()) {
        version = v;
      } else if (!version.isEmpty() && v.startsWith(version + ".")) {
        version = v;
      }
      if (pretty == null) {
        pretty = other.prettyName();
      }
    }
    return new OsInfo(family, version, pretty);
  }

  /**
   * Packages with purls completed from the OS (namespace, distro qualifier; see {@link OsPurls}); order kept.
   * Packages of other types are returned unchanged.
   */
  public static List<Package> finish(List<Package> packages, @Nullable OsInfo os) {
    List<Package> out = new ArrayList<>(packages.size());
    for (Package p : packages) {
      if (p.type().isOsPackage()) {
        out.add(p.withPurl(
            OsPurls.of(p.type(), p.name(), p.version(), p.arch(), p.sourceName(), p.sourceVersion(), os)));
      } else {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }
}
