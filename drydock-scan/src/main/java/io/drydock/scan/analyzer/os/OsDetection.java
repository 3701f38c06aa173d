package io.drydock.scan.analyzer.os;

import io.drydock.model.OsInfo;
import io.drydock.model.Package;
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
   */
  public static @Nullable OsInfo merge(Map<String, OsInfo> byPath) {
    // TODO(os-analyzers): precedence and precision rules.
    return byPath.isEmpty() ? null : byPath.values().iterator().next();
  }

  /** Packages with purls completed from the OS (namespace, distro qualifier); order kept. */
  public static List<Package> finish(List<Package> packages, @Nullable OsInfo os) {
    // TODO(os-analyzers): purl namespace and distro qualifier.
    return packages;
  }
}
