package io.drydock.scan.analyzer.lang;

import io.drydock.scan.analyzer.Analyzer;
import io.drydock.scan.analyzer.dotnet.DotnetAnalyzer;
import io.drydock.scan.analyzer.golang.GoBinaryAnalyzer;
import io.drydock.scan.analyzer.java.JarAnalyzer;
import io.drydock.scan.analyzer.npm.NpmPackageAnalyzer;
import io.drydock.scan.analyzer.php.ComposerAnalyzer;
import io.drydock.scan.analyzer.python.PythonPackageAnalyzer;
import io.drydock.scan.analyzer.ruby.GemfileLockAnalyzer;
import io.drydock.scan.analyzer.ruby.GemspecAnalyzer;
import io.drydock.scan.analyzer.rust.AuditableBinaryAnalyzer;
import io.drydock.scan.analyzer.rust.CargoLockAnalyzer;
import java.util.List;

/** The application-package analyzers (everything that is not an OS package database). */
public final class LanguageAnalyzers {
  private LanguageAnalyzers() {}

  /** New instances of: jar, npm, python-pkg, gobinary, gemspec, bundler, cargo-lock, cargo-auditable, composer, dotnet. Each is stateless and safe to share across threads. */
  public static List<Analyzer> all() {
    return List.of(new JarAnalyzer(), new NpmPackageAnalyzer(), new PythonPackageAnalyzer(), new GoBinaryAnalyzer(),
        new GemspecAnalyzer(), new GemfileLockAnalyzer(), new CargoLockAnalyzer(), new AuditableBinaryAnalyzer(),
        new ComposerAnalyzer(), new DotnetAnalyzer());
  }
}
