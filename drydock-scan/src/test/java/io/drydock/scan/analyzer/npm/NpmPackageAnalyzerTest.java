package io.drydock.scan.analyzer.npm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.testfixtures.OciArchiveFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpmPackageAnalyzerTest {
  private final NpmPackageAnalyzer analyzer = new NpmPackageAnalyzer();

  private AnalysisResult analyze(String path, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    LayerEntry entry = new LayerEntry(path, LayerEntry.Type.FILE, bytes.length, 0644, null, 0, 0);
    assertThat(analyzer.isRequired(entry)).isTrue();
    return analyzer.analyze(new AnalysisInput(entry, new OciArchiveFixture.NonClosing(new ByteArrayInputStream(bytes))));
  }

  @Test
  void langPackagesImageGivesTheTwentyFourInstalledPackages() {
    AnalysisResult r = OciArchiveFixture.analyze(OciArchiveFixture.LANG_PACKAGES, analyzer);

    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).hasSize(24).allSatisfy(p -> {
      assertThat(p.type()).isEqualTo(PackageType.NPM);
      assertThat(p.location()).isEqualTo("app/node/node_modules/" + p.name() + "/package.json");
      assertThat(p.purl()).isEqualTo("pkg:npm/" + p.name() + "@" + p.version());
    });
    assertThat(r.packages())
        .extracting(Package::name, Package::version, Package::licenses)
        .containsExactlyInAnyOrder(
            tuple("axios", "0.21.1", List.of("MIT")),
            tuple("buffer-equal-constant-time", "1.0.1", List.of("BSD-3-Clause")),
            tuple("ecdsa-sig-formatter", "1.0.11", List.of("Apache-2.0")),
            tuple("follow-redirects", "1.16.3", List.of("MIT")),
            tuple("json5", "1.0.1", List.of("MIT")),
            tuple("jsonwebtoken", "8.5.1", List.of("MIT")),
            tuple("jwa", "1.4.2", List.of("MIT")),
            tuple("jws", "3.2.3", List.of("MIT")),
            tuple("lodash.includes", "4.3.0", List.of("MIT")),
            tuple("lodash.isboolean", "3.0.3", List.of("MIT")),
            tuple("lodash.isinteger", "4.0.4", List.of("MIT")),
            tuple("lodash.isnumber", "3.0.3", List.of("MIT")),
            tuple("lodash.isplainobject", "4.0.6", List.of("MIT")),
            tuple("lodash.isstring", "4.0.1", List.of("MIT")),
            tuple("lodash.once", "4.1.1", List.of("MIT")),
            tuple("lodash", "4.17.15", List.of("MIT")),
            tuple("minimist", "1.2.5", List.of("MIT")),
            tuple("moment", "2.29.1", List.of("MIT")),
            tuple("ms", "2.1.3", List.of("MIT")),
            tuple("node-fetch", "2.6.0", List.of("MIT")),
            tuple("qs", "6.5.2", List.of("BSD-3-Clause")),
            tuple("safe-buffer", "5.2.1", List.of("MIT")),
            tuple("semver", "5.7.1", List.of("ISC")),
            tuple("ws", "7.4.5", List.of("MIT")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "app/node_modules/lodash/package.json, true",
      "node_modules/lodash/package.json, true",
      "app/node_modules/@babel/core/package.json, true",
      "app/node_modules/a/node_modules/b/package.json, true",
      "app/node_modules/a/node_modules/@s/b/package.json, true",
      "usr/lib/node_modules/npm/package.json, true",
      "app/package.json, false",
      "app/node_modules/a/test/fixtures/package.json, false",
      "app/node_modules/a/lib/package.json, false",
      "app/node_modules/@babel/package.json, false",
      "app/node_modules/package.json, false",
      "app/node_modules/.package-lock.json, false",
      "app/node_modules/a/package.json.bak, false",
      "app/my_node_modules/a/package.json, false"})
  void isRequiredOnlyForInstalledPackageDirectories(String path, boolean required) {
    assertThat(analyzer.isRequired(new LayerEntry(path, LayerEntry.Type.FILE, 10, 0644, null, 0, 0)))
        .isEqualTo(required);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "{\"name\":\"@babel/core\",\"version\":\"7.20.0\",\"license\":\"MIT\"} | @babel/core | pkg:npm/%40babel/core@7.20.0 | MIT",
      "{\"name\":\"x\",\"version\":\"1.0.0\",\"license\":{\"type\":\"BSD\",\"url\":\"u\"}} | x | pkg:npm/x@1.0.0 | BSD",
      "{\"name\":\"x\",\"version\":\"1.0.0\",\"licenses\":[{\"type\":\"MIT\"},\"Apache-2.0\",{\"url\":\"u\"}]} | x | pkg:npm/x@1.0.0 | MIT;Apache-2.0",
      "{\"name\":\"x\",\"version\":\"1.0.0-rc.1+build.5\"} | x | pkg:npm/x@1.0.0-rc.1%2Bbuild.5 | ",
      "{\"deps\":{\"name\":\"inner\"},\"name\":\"x\",\"version\":\"2.0.0\",\"arr\":[[1,[2]],{\"version\":\"9\"}]} | x | pkg:npm/x@2.0.0 | ",
  })
  void readsNameVersionLicenses(String json, String name, String purl, String licenses) throws IOException {
    AnalysisResult r = analyze("node_modules/x/package.json", json);

    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo(name);
      assertThat(p.purl()).isEqualTo(purl);
      assertThat(p.licenses()).isEqualTo(licenses == null ? List.of() : List.of(licenses.split(";")));
    });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"name\":\"x\"} | without a valid name and version",
      "{\"version\":\"1.0.0\"} | without a valid name and version",
      "{\"name\":\"x\",\"version\":1} | without a valid name and version",
      "{\"name\":\"has space\",\"version\":\"1\"} | without a valid name and version",
      "{\"name\":\"x\",\"version\":\"\"} | without a valid name and version",
      "[1,2] | invalid package.json",
      "{\"name\": | invalid package.json",
      "not json | invalid package.json"})
  void incompleteOrBrokenFilesAreSkips(String json, String reason) throws IOException {
    AnalysisResult r = analyze("node_modules/x/package.json", json);

    assertThat(r.packages()).isEmpty();
    assertThat(r.skipped()).singleElement().satisfies(s -> {
      assertThat(s.where()).isEqualTo("node_modules/x/package.json");
      assertThat(s.reason()).contains(reason).doesNotContain("\n");
    });
  }

  @Test
  void hugePackageJsonIsSkippedWithoutReadingIt() throws IOException {
    long size = NpmPackageAnalyzer.MAX_BYTES + 1;
    LayerEntry entry = new LayerEntry("node_modules/x/package.json", LayerEntry.Type.FILE, size, 0644, null, 0, 0);
    InputStream mustNotBeRead = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("read a package.json over the cap");
      }
    };

    AnalysisResult r = analyzer.analyze(new AnalysisInput(entry, mustNotBeRead));

    assertThat(r.packages()).isEmpty();
    assertThat(r.skipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("package.json larger than 10485760 bytes"));
  }

  @Test
  void deeplyNestedJsonUnderTheCapIsASkipNotAStackOverflow() throws IOException {
    String json = "{\"name\":\"x\",\"version\":\"1\",\"deep\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

    AnalysisResult r = analyze("node_modules/x/package.json", json);

    assertThat(r.packages()).isEmpty();
    assertThat(r.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).startsWith("invalid package.json"));
  }

  @Test
  void bigButLegalFileIsStreamedNotBuffered() throws IOException {
    String json = "{\"description\":\"" + "a".repeat(500_000) + "\",\"files\":["
        + "\"f\",".repeat(200_000) + "\"g\"],\"name\":\"big\",\"version\":\"3.0.0\"}";

    AnalysisResult r = analyze("node_modules/big/package.json", json);

    assertThat(r.packages()).extracting(Package::name, Package::version).containsExactly(tuple("big", "3.0.0"));
  }
}
