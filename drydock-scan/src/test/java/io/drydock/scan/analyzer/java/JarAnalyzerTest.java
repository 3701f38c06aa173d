package io.drydock.scan.analyzer.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.testfixtures.OciArchiveFixture;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JarAnalyzerTest {

  private static AnalysisResult analyze(JarAnalyzer analyzer, String path, byte[] bytes) {
    LayerEntry entry = new LayerEntry(path, LayerEntry.Type.FILE, bytes.length, 0644, null, 0, 0);
    assertThat(analyzer.isRequired(entry)).isTrue();
    return analyzer.analyze(new AnalysisInput(entry, new OciArchiveFixture.NonClosing(new ByteArrayInputStream(bytes))));
  }

  private static AnalysisResult analyze(String path, byte[] bytes) {
    return analyze(new JarAnalyzer(), path, bytes);
  }

  @Test
  void langPackagesImageGivesTheFiveJarsWithSpringBeansFromItsManifest() {
    AnalysisResult r = OciArchiveFixture.analyze(OciArchiveFixture.LANG_PACKAGES, new JarAnalyzer());

    assertThat(r.packages())
        .extracting(Package::name, Package::version, Package::purl, Package::location)
        .containsExactlyInAnyOrder(
            tuple("com.fasterxml.jackson.core:jackson-databind", "2.9.10",
                "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10", "app/lib/jackson-databind-2.9.10.jar"),
            tuple("org.apache.logging.log4j:log4j-api", "2.14.1",
                "pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1", "app/lib/log4j-api-2.14.1.jar"),
            tuple("org.apache.logging.log4j:log4j-core", "2.14.1",
                "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "app/lib/log4j-core-2.14.1.jar"),
            tuple("org.yaml:snakeyaml", "1.33", "pkg:maven/org.yaml/snakeyaml@1.33", "app/lib/snakeyaml-1.33.jar"),
            tuple("org.springframework:spring-beans", "5.3.17",
                "pkg:maven/org.springframework/spring-beans@5.3.17", "app/lib/spring-beans-5.3.17.jar"));
    assertThat(r.packages()).allSatisfy(p -> assertThat(p.type()).isEqualTo(io.drydock.model.PackageType.MAVEN));
    assertThat(r.skipped()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "app/lib/x.jar, true", "app/x.WAR, true", "a.ear, true", "a.par, true", "a.sar, true",
      "var/lib/jenkins/plugins/git.jpi, true", "p/x.hpi, true", "app/x.jar.sha1, false", "app/.jar, false",
      "app/x.zip, false", "app/jar, false"})
  void isRequiredByExtension(String path, boolean required) {
    LayerEntry file = new LayerEntry(path, LayerEntry.Type.FILE, 10, 0644, null, 0, 0);
    assertThat(new JarAnalyzer().isRequired(file)).isEqualTo(required);
  }

  @Test
  void symlinksAndEmptyFilesAreNotRequired() {
    assertThat(new JarAnalyzer().isRequired(new LayerEntry("a.jar", LayerEntry.Type.SYMLINK, 0, 0777, "b.jar", 0, 0)))
        .isFalse();
    assertThat(new JarAnalyzer().isRequired(new LayerEntry("a.jar", LayerEntry.Type.FILE, 0, 0644, null, 0, 0)))
        .isFalse();
  }

  @Test
  void fatJarReportsEveryPomPropertiesAndNestedJarsWithBangLocations() {
    byte[] inner = new ZipBuilder().pom("com.example", "inner", "1.0").build();
    byte[] innerFromName = new ZipBuilder().manifest("Implementation-Title: spring-core").build();
    byte[] fat = new ZipBuilder()
        .manifest("Implementation-Title: app", "Implementation-Version: 9", "Implementation-Vendor-Id: com.example")
        .pom("com.example", "app", "2.0")
        .pom("org.shaded", "shaded", "3.1")
        .stored("BOOT-INF/lib/inner-1.0.jar", inner)
        .bytes("WEB-INF/lib/spring-core-5.3.17.jar", innerFromName)
        .build();

    AnalysisResult r = analyze("app/app-2.0.jar", fat);

    assertThat(r.packages())
        .extracting(Package::name, Package::version, Package::location)
        .containsExactly(
            tuple("com.example:app", "2.0", "app/app-2.0.jar"),
            tuple("org.shaded:shaded", "3.1", "app/app-2.0.jar"),
            tuple("com.example:inner", "1.0", "app/app-2.0.jar!/BOOT-INF/lib/inner-1.0.jar"),
            tuple("org.springframework:spring-core", "5.3.17", "app/app-2.0.jar!/WEB-INF/lib/spring-core-5.3.17.jar"));
    assertThat(r.skipped()).isEmpty();
  }

  @Test
  void outerJarWithoutOwnPomIsIdentifiedFromManifestAsWellAsItsShadedPoms() {
    byte[] jar = new ZipBuilder()
        .manifest("Implementation-Title: app", "Implementation-Version: 9", "Implementation-Vendor-Id: com.example")
        .pom("org.shaded", "shaded", "3.1")
        .build();

    assertThat(analyze("app.jar", jar).packages())
        .extracting(Package::name, Package::version)
        .containsExactly(tuple("org.shaded:shaded", "3.1"), tuple("com.example:app", "9"));
  }

  @Test
  void manifestThatRepeatsThePomIsNotCountedTwice() {
    byte[] jar = new ZipBuilder()
        .pom("com.example", "lib", "1.0")
        .manifest("Implementation-Title: lib", "Implementation-Version: 1.0", "Implementation-Vendor-Id: com.example")
        .build();

    assertThat(analyze("renamed.jar", jar).packages()).extracting(Package::name).containsExactly("com.example:lib");
  }

  @Test
  void unidentifiableArchiveIsASkipNotAGuess() {
    byte[] jar = new ZipBuilder().manifest("Implementation-Title: thing", "Implementation-Version: 1.0").build();

    AnalysisResult r = analyze("opt/thing-1.0.jar", jar);

    assertThat(r.packages()).isEmpty();
    assertThat(r.skipped()).extracting(Skip::where).containsExactly("opt/thing-1.0.jar");
    assertThat(r.skipped().get(0).reason()).contains("not identified");
  }

  @Test
  void invalidPomPropertiesIsSkippedAndTheRestStillCounts() {
    byte[] jar = new ZipBuilder()
        .text("META-INF/maven/g/a/pom.properties", "groupId=g\nartifactId=a\nversion=${project.version}\n")
        .pom("org.ok", "ok", "1")
        .build();

    AnalysisResult r = analyze("x.jar", jar);

    assertThat(r.packages()).extracting(Package::name).containsExactly("org.ok:ok");
    assertThat(r.skipped()).extracting(Skip::where).containsExactly("x.jar!/META-INF/maven/g/a/pom.properties");
  }

  // ---- hostile input ----

  @Test
  void corruptArchiveIsOneSkip() {
    byte[] garbage = "this is not a zip file at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    AnalysisResult r = analyze("app/broken.jar", garbage);

    assertThat(r.packages()).isEmpty();
    assertThat(r.skipped()).singleElement().satisfies(s -> {
      assertThat(s.where()).isEqualTo("app/broken.jar");
      assertThat(s.reason()).startsWith("corrupt archive");
    });
  }

  @Test
  void truncatedArchiveKeepsWhatWasReadAndReportsTheRest() {
    byte[] full = new ZipBuilder().pom("org.first", "first", "1").zeros("big.bin", 200_000).pom("org.last", "last", "2")
        .build();
    byte[] truncated = Arrays.copyOf(full, full.length / 2);

    AnalysisResult r = analyze("t.jar", truncated);

    assertThat(r.packages()).extracting(Package::name).containsExactly("org.first:first");
    assertThat(r.skipped()).extracting(Skip::where).containsExactly("t.jar");
  }

  @Test
  void corruptNestedJarIsSkippedAndTheOuterGoesOn() {
    byte[] outer = new ZipBuilder()
        .stored("lib/broken.jar", "garbage, not a zip".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .pom("org.after", "after", "1")
        .build();

    AnalysisResult r = analyze("o.jar", outer);

    assertThat(r.packages()).extracting(Package::name).containsExactly("org.after:after");
    assertThat(r.skipped()).extracting(Skip::where).containsExactly("o.jar!/lib/broken.jar");
  }

  @Test
  void highRatioEntryIsAZipBombAndIsNotInflatedFurther() {
    byte[] bomb = new ZipBuilder().pom("org.before", "before", "1").zeros("zeros.bin", 64L << 20).build();
    assertThat(bomb.length).isLessThan(200_000);

    AnalysisResult r = analyze("bomb.jar", bomb);

    assertThat(r.packages()).extracting(Package::name).containsExactly("org.before:before");
    assertThat(r.skipped()).singleElement().satisfies(s -> {
      assertThat(s.where()).isEqualTo("bomb.jar");
      assertThat(s.reason()).contains("zip bomb").contains("bomb.jar!/zeros.bin").contains("100:1");
    });
  }

  @Test
  void nestingDeeperThanTheLimitIsSkippedButShallowerLevelsCount() {
    byte[] level = new ZipBuilder().pom("org.l5", "l5", "5").build();
    for (int depth = 4; depth >= 1; depth--) {
      level = new ZipBuilder().pom("org.l" + depth, "l" + depth, "" + depth).stored("lib/l" + (depth + 1) + ".jar", level)
          .build();
    }

    AnalysisResult r = analyze("l1.jar", level);

    assertThat(r.packages()).extracting(Package::name).containsExactly("org.l1:l1", "org.l2:l2", "org.l3:l3", "org.l4:l4");
    assertThat(r.skipped()).singleElement().satisfies(s -> {
      assertThat(s.where()).isEqualTo("l1.jar!/lib/l2.jar!/lib/l3.jar!/lib/l4.jar!/lib/l5.jar");
      assertThat(s.reason()).isEqualTo("archive nested deeper than 3");
    });
  }

  @Test
  void totalBytesBudgetEndsAnArchiveOfManyModestEntries() {
    ZipBuilder b = new ZipBuilder();
    for (int i = 0; i < 20; i++) {
      b.zeros("part" + i + ".bin", 100_000);
    }
    JarAnalyzer small = new JarAnalyzer(new JarLimits(3, 1_000_000, 1000, 100_000, 1L << 20, 1 << 20));

    AnalysisResult r = analyze(small, "parts.jar", b.build());

    assertThat(r.skipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("zip bomb: more than 1000000 uncompressed bytes"));
  }

  @Test
  void entryCountBudgetEndsAnArchive() {
    ZipBuilder b = new ZipBuilder();
    for (int i = 0; i < 50; i++) {
      b.text("f" + i, "x");
    }
    JarAnalyzer small = new JarAnalyzer(new JarLimits(3, 1L << 30, 10, 100, 1L << 20, 1 << 20));

    AnalysisResult r = analyze(small, "many.jar", b.build());

    assertThat(r.skipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("zip bomb: more than 10 entries"));
  }

  @Test
  void oversizedManifestIsSkippedNotBuffered() {
    byte[] jar = new ZipBuilder().zeros("META-INF/MANIFEST.MF", 2L << 20).pom("org.ok", "ok", "1").build();
    JarAnalyzer lenient = new JarAnalyzer(new JarLimits(3, 1L << 30, 1000, 100_000, 1L << 20, 1 << 20));

    AnalysisResult r = analyze(lenient, "m.jar", jar);

    assertThat(r.packages()).extracting(Package::name).containsExactly("org.ok:ok");
    assertThat(r.skipped()).singleElement().satisfies(s -> {
      assertThat(s.where()).isEqualTo("m.jar!/META-INF/MANIFEST.MF");
      assertThat(s.reason()).isEqualTo("larger than 1048576 bytes");
    });
  }
}
