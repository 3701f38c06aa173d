package io.drydock.scan.analyzer.lang;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import io.drydock.scan.testfixtures.OciArchiveFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LanguageAnalyzersTest {

  @Test
  void namesAreUniqueAndStable() {
    assertThat(LanguageAnalyzers.all()).extracting(Analyzer::name)
        .containsExactly("jar", "npm", "python-pkg", "gobinary", "gemspec", "bundler", "cargo-lock",
            "cargo-auditable", "composer", "dotnet");
  }

  @Test
  void langPackagesImageGivesFiveJarsTwentyFourNpmFourPythonAndNothingElse() {
    List<Package> all = new ArrayList<>();
    for (Analyzer a : LanguageAnalyzers.all()) {
      AnalysisResult r = OciArchiveFixture.analyze(OciArchiveFixture.LANG_PACKAGES, a);
      assertThat(r.skipped()).as(a.name()).isEmpty();
      all.addAll(r.packages());
    }

    // busybox, apk, scanelf … in the Alpine base are executables, but not Go: the Go analyzer finds nothing
    Map<PackageType, Long> byType = all.stream().collect(Collectors.groupingBy(Package::type, Collectors.counting()));
    assertThat(byType).containsExactlyInAnyOrderEntriesOf(
        Map.of(PackageType.MAVEN, 5L, PackageType.NPM, 24L, PackageType.PYPI, 4L));
  }
}
