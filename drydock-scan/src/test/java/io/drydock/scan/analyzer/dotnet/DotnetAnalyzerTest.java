package io.drydock.scan.analyzer.dotnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.LangFixture;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** deps.json and packages.lock.json, on real upstream files (see the resources' README). */
class DotnetAnalyzerTest {
  private static final String DIR = "/io/drydock/scan/analyzer/dotnet/";
  private final DotnetAnalyzer analyzer = new DotnetAnalyzer();

  @ParameterizedTest
  @CsvSource({"app/datacollector.deps.json, true", "src/packages.lock.json, true", "packages.lock.json, true",
      "app/.deps.json, false", "app/datacollector.runtimeconfig.json, false", "app/deps.json.bak, false"})
  void paths(String path, boolean wanted) {
    assertThat(LangFixture.wants(analyzer, path)).isEqualTo(wanted);
  }

  @ParameterizedTest
  @CsvSource({
      "datacollector.deps.json, Newtonsoft.Json, 9.0.1",
      "happy.deps.json, Newtonsoft.Json, 13.0.1",
      "multi-project.deps.json, Newtonsoft.Json, 13.0.3"})
  void depsJsonGivesPackageLibrariesButNotProjects(String file, String name, String version) throws IOException {
    AnalysisResult r = LangFixture.analyze(analyzer, "app/" + file, DIR + file);
    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).singleElement().satisfies(p -> {
      assertThat(p.type()).isEqualTo(PackageType.NUGET);
      assertThat(p.name()).isEqualTo(name);
      assertThat(p.version()).isEqualTo(version);
      assertThat(p.purl()).isEqualTo("pkg:nuget/" + name + "@" + version);
      assertThat(p.location()).isEqualTo("app/" + file);
    });
  }

  @Test
  void lockFilesGiveResolvedPackagesOnceAcrossFrameworksAndNotProjects() throws IOException {
    assertThat(LangFixture.analyze(analyzer, "src/packages.lock.json", DIR + "packages_lock_simple.json").packages())
        .extracting(Package::name, Package::version)
        .containsExactly(tuple("Newtonsoft.Json", "12.0.3"), tuple("NuGet.Frameworks", "5.7.0"));
    assertThat(LangFixture.analyze(analyzer, "src/packages.lock.json", DIR + "packages_lock_legacy.json").packages())
        .extracting(Package::name, Package::version)
        .containsExactly(tuple("AWSSDK.Core", "3.5.1.30"), tuple("Newtonsoft.Json", "12.0.3"));
    AnalysisResult multi = LangFixture.analyze(analyzer, "src/packages.lock.json", DIR + "packages_lock_multi.json");
    assertThat(multi.skipped()).isEmpty();
    assertThat(multi.packages()).hasSize(40).doesNotHaveDuplicates();
  }

  @Test
  void malformedFilesAreSkippedWithAReason() throws IOException {
    AnalysisResult invalid = LangFixture.analyze(analyzer, "app/invalid.deps.json", DIR + "invalid.deps.json");
    assertThat(invalid.packages()).isEmpty();
    assertThat(invalid.skipped()).singleElement().extracting(Skip::reason).asString().startsWith("invalid deps.json: ");
    AnalysisResult none = LangFixture.analyze(analyzer, "app/no-libraries.deps.json", DIR + "no-libraries.deps.json");
    assertThat(none.skipped()).extracting(Skip::reason).containsExactly("deps.json without libraries");
    // A deps.json read as a lock file has no per-framework dependencies.
    AnalysisResult wrong = LangFixture.analyze(analyzer, "packages.lock.json", DIR + "happy.deps.json");
    assertThat(wrong.skipped()).extracting(Skip::reason).containsExactly("packages.lock.json without dependencies");
    LayerEntry huge = new LayerEntry("packages.lock.json", LayerEntry.Type.FILE, DotnetAnalyzer.MAX_BYTES + 1, 0644, null, 0, 0);
    assertThat(analyzer.analyze(new AnalysisInput(huge, java.io.InputStream.nullInputStream())).skipped())
        .singleElement().extracting(Skip::reason).asString().contains("larger than");
  }
}
