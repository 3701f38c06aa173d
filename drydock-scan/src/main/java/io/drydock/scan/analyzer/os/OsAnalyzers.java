package io.drydock.scan.analyzer.os;

import io.drydock.scan.analyzer.Analyzer;
import io.drydock.scan.analyzer.apk.ApkAnalyzer;
import io.drydock.scan.analyzer.dpkg.DpkgAnalyzer;
import io.drydock.scan.analyzer.rpm.RpmAnalyzer;
import java.nio.file.Path;
import java.util.List;

/** The analyzers of the operating system: its release files and its package databases. */
public final class OsAnalyzers {
  private OsAnalyzers() {}

  /**
   * OS release, dpkg, apk and rpm analyzers, in that order.
   *
   * @param tempDir a work directory for database copies the rpm analyzer needs random access to
   */
  public static List<Analyzer> all(Path tempDir) {
    return List.of(new OsReleaseAnalyzer(), new DpkgAnalyzer(), new ApkAnalyzer(), new RpmAnalyzer(tempDir));
  }
}
