package io.drydock.scan.analyzer;

import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.Skip;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an analyzer found in one file. Packages carry {@code location} = the file they came from and no
 * layer yet (the layer applier assigns it).
 *
 * @param os partial OS facts from a release file; the OS analyzers combine them across files
 */
public record AnalysisResult(@Nullable OsInfo os, List<Package> packages, List<Skip> skipped) {
  public static final AnalysisResult EMPTY = new AnalysisResult(null, List.of(), List.of());

  public AnalysisResult {
    packages = List.copyOf(packages);
    skipped = List.copyOf(skipped);
  }

  public static AnalysisResult ofPackages(List<Package> packages) {
    return new AnalysisResult(null, packages, List.of());
  }

  public static AnalysisResult ofOs(OsInfo os) {
    return new AnalysisResult(os, List.of(), List.of());
  }
}
