package io.drydock.scan.analyzer.python;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonPackageAnalyzerTest {
  private static final String SITE = "usr/lib/python3.12/site-packages/";
  private final PythonPackageAnalyzer analyzer = new PythonPackageAnalyzer();

  private AnalysisResult analyze(String path, byte[] bytes) throws IOException {
    LayerEntry entry = new LayerEntry(path, LayerEntry.Type.FILE, bytes.length, 0644, null, 0, 0);
    assertThat(analyzer.isRequired(entry)).isTrue();
    return analyzer.analyze(new AnalysisInput(entry, new OciArchiveFixture.NonClosing(new ByteArrayInputStream(bytes))));
  }

  private AnalysisResult analyze(String path, String text) throws IOException {
    return analyze(path, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void langPackagesImageGivesTheFourDistributions() {
    AnalysisResult r = OciArchiveFixture.analyze(OciArchiveFixture.LANG_PACKAGES, analyzer);

    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).allSatisfy(p -> assertThat(p.type()).isEqualTo(PackageType.PYPI));
    assertThat(r.packages())
        .extracting(Package::name, Package::version, Package::purl, Package::location, Package::licenses)
        .containsExactlyInAnyOrder(
            tuple("requests", "2.28.1", "pkg:pypi/requests@2.28.1", SITE + "requests-2.28.1.egg-info/PKG-INFO",
                List.of("Apache 2.0")),
            tuple("urllib3", "1.26.12", "pkg:pypi/urllib3@1.26.12", SITE + "urllib3-1.26.12.egg-info/PKG-INFO",
                List.of("MIT")),
            tuple("Jinja2", "3.1.2", "pkg:pypi/jinja2@3.1.2", SITE + "Jinja2-3.1.2.egg-info/PKG-INFO",
                List.of("BSD-3-Clause")),
            tuple("PyYAML", "6.0", "pkg:pypi/pyyaml@6.0", SITE + "PyYAML-6.0.dist-info/METADATA", List.of("MIT")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA, true",
      "x/foo-1.0.egg-info/PKG-INFO, true",
      "x/foo-1.0-py3.8.egg/EGG-INFO/PKG-INFO, true",
      "EGG-INFO/PKG-INFO, true",
      "usr/lib/python2.7/dist-packages/foo-1.0.egg-info, true",
      "x/.egg-info, false",
      "x/foo.dist-info/RECORD, false",
      "x/foo.dist-info/METADATA.bak, false",
      "x/foo-1.0.egg-info/requires.txt, false",
      "x/PKG-INFO, false"})
  void isRequired(String path, boolean required) {
    assertThat(analyzer.isRequired(new LayerEntry(path, LayerEntry.Type.FILE, 10, 0644, null, 0, 0)))
        .isEqualTo(required);
  }

  @Test
  void eggInfoDirectoryIsNotAFile() {
    assertThat(analyzer.isRequired(new LayerEntry("x/foo.egg-info", LayerEntry.Type.DIRECTORY, 0, 0755, null, 0, 0)))
        .isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Jinja2, jinja2", "PyYAML, pyyaml", "zope.interface, zope-interface", "Foo__Bar-._baz, foo-bar-baz",
      "ruamel.yaml.clib, ruamel-yaml-clib"})
  void pep503Normalisation(String name, String normalised) {
    assertThat(CoreMetadata.normalise(name)).isEqualTo(normalised);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      // metadata 2.4 expression wins
      "Name: a\\nVersion: 1\\nLicense-Expression: MIT OR Apache-2.0\\nLicense: BSD | MIT OR Apache-2.0",
      "Name: a\\nVersion: 1\\nLicense: UNKNOWN\\nClassifier: License :: OSI Approved :: MIT License | MIT License",
      "Name: a\\nVersion: 1\\nClassifier: License :: OSI Approved :: BSD License\\nClassifier: License :: Public Domain | BSD License;Public Domain",
      // pasted licence text in a folded header falls back to classifiers
      "Name: a\\nVersion: 1\\nLicense: Copyright (c) 2020\\n        Permission is hereby granted\\nClassifier: License :: OSI Approved :: MIT License | MIT License",
      "Name: a\\nVersion: 1 | -",
      // headers end at the first blank line: a License in the body is description
      "Name: a\\nVersion: 1\\n\\nLicense: MIT | -",
  })
  void licenses(String text, String expected) throws IOException {
    AnalysisResult r = analyze("x/a-1.dist-info/METADATA", text.replace("\\n", "\n"));

    assertThat(r.packages()).singleElement()
        .satisfies(p -> assertThat(p.licenses()).isEqualTo(expected == null ? List.of() : List.of(expected.split(";"))));
  }

  @Test
  void singleFileEggInfoAndCrlfAndVersionEncoding() throws IOException {
    AnalysisResult r = analyze("usr/lib/python2.7/dist-packages/Foo_Bar-1.0+local.egg-info",
        "Metadata-Version: 1.0\r\nName: Foo_Bar\r\nVersion: 1.0+local\r\n\r\nbody");

    assertThat(r.packages()).extracting(Package::name, Package::version, Package::purl)
        .containsExactly(tuple("Foo_Bar", "1.0+local", "pkg:pypi/foo-bar@1.0%2Blocal"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "Name: a", "Version: 1", "Name: \\nVersion: 1", "Name: bad name\\nVersion: 1", "Name: a\\nVersion: 1 2",
      "garbage without headers", "\\nName: a\\nVersion: 1"})
  void missingOrInvalidNameOrVersionIsASkip(String text) throws IOException {
    AnalysisResult r = analyze("x/a.egg-info/PKG-INFO", text.replace("\\n", "\n"));

    assertThat(r.packages()).isEmpty();
    assertThat(r.skipped()).singleElement().satisfies(s -> {
      assertThat(s.where()).isEqualTo("x/a.egg-info/PKG-INFO");
      assertThat(s.reason()).isEqualTo("Python metadata without a valid Name and Version");
    });
  }

  @Test
  void hugeFileIsReadOnlyUpToTheHeaderCap() throws IOException {
    long size = 1L << 40; // claims a terabyte; only the cap may be read
    byte[] headers = "Name: big\nVersion: 2\n\n".getBytes(StandardCharsets.US_ASCII);
    long[] read = {0};
    java.io.InputStream endless = new java.io.InputStream() {
      @Override
      public int read() {
        long i = read[0]++;
        return i < headers.length ? headers[(int) i] : 'x';
      }
    };
    LayerEntry entry = new LayerEntry("x/big.dist-info/METADATA", LayerEntry.Type.FILE, size, 0644, null, 0, 0);

    AnalysisResult r = analyzer.analyze(new AnalysisInput(entry, endless));

    assertThat(r.packages()).extracting(Package::name).containsExactly("big");
    assertThat(read[0]).isLessThanOrEqualTo(PythonPackageAnalyzer.MAX_HEADER_BYTES + 1L);
  }
}
