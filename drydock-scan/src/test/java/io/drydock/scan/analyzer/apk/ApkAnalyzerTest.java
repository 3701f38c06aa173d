package io.drydock.scan.analyzer.apk;

import static io.drydock.scan.analyzer.ospkg.Fixtures.entry;
import static io.drydock.scan.analyzer.ospkg.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.ospkg.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApkAnalyzerTest {
  private static final String DIR = "/io/drydock/scan/analyzer/apk/";
  private final ApkAnalyzer analyzer = new ApkAnalyzer();

  @ParameterizedTest
  @CsvSource({
      "lib/apk/db/installed,FILE,true", "usr/lib/apk/db/installed,FILE,true", "lib/apk/db/installed,SYMLINK,false",
      "lib/apk/db/lock,FILE,false", "etc/apk/world,FILE,false", "x/lib/apk/db/installed,FILE,false"})
  void isRequired(String path, LayerEntry.Type type, boolean required) {
    assertThat(analyzer.isRequired(entry(path, type))).isEqualTo(required);
  }

  @Test
  void trivyFixtureMatchesExpectedJson() throws IOException {
    AnalysisResult r = analyzer.analyze(input("lib/apk/db/installed", Fixtures.bytes(DIR + "apk-trivy")));
    JsonNode expected = new ObjectMapper().readTree(Fixtures.bytes(DIR + "apk-trivy.expected.json")).get("packages");
    List<String> want = new ArrayList<>();
    for (JsonNode p : expected) {
      want.add(String.join("|", p.path("Name").asText(), p.path("Version").asText(), p.path("SrcName").asText(),
          p.path("SrcVersion").asText(), p.path("Arch").asText()));
    }
    assertThat(want).hasSize(15);
    assertThat(r.packages())
        .extracting(p -> String.join("|", p.name(), p.version(), p.sourceNameOrName(), p.sourceVersionOrVersion(), p.arch()))
        .containsExactlyElementsOf(want);
    assertThat(r.skipped()).singleElement()
        .satisfies(s -> assertThat(s.where()).contains("invalidPackageWithoutAVersion"))
        .satisfies(s -> assertThat(s.reason()).contains("V:"));
    assertThat(r.packages()).filteredOn(p -> p.name().equals("ada-libs")).singleElement()
        .satisfies(p -> assertThat(p.licenses()).containsExactly("( Apache-2.0 OR MIT ) AND MPL-2.0"));
    assertThat(r.packages()).filteredOn(p -> p.name().equals("musl-utils")).singleElement()
        .satisfies(p -> assertThat(p.licenses()).containsExactly("MIT", "BSD", "GPL2+"));
  }

  @Test
  void alpine3203Image_14PackagesWithOrigins() throws IOException {
    AnalysisResult r = analyzer.analyze(input("lib/apk/db/installed", Fixtures.bytes(DIR + "alpine-3.20.3.installed")));
    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).extracting(Package::name, Package::version, Package::sourceNameOrName)
        .containsExactlyInAnyOrder(
            tuple("alpine-baselayout", "3.6.5-r0", "alpine-baselayout"),
            tuple("alpine-baselayout-data", "3.6.5-r0", "alpine-baselayout"),
            tuple("alpine-keys", "2.4-r1", "alpine-keys"),
            tuple("apk-tools", "2.14.4-r0", "apk-tools"),
            tuple("busybox", "1.36.1-r29", "busybox"),
            tuple("busybox-binsh", "1.36.1-r29", "busybox"),
            tuple("ca-certificates-bundle", "20240705-r0", "ca-certificates"),
            tuple("libcrypto3", "3.3.2-r0", "openssl"),
            tuple("libssl3", "3.3.2-r0", "openssl"),
            tuple("musl", "1.2.5-r0", "musl"),
            tuple("musl-utils", "1.2.5-r0", "musl"),
            tuple("scanelf", "1.3.7-r2", "pax-utils"),
            tuple("ssl_client", "1.36.1-r29", "busybox"),
            tuple("zlib", "1.3.1-r1", "zlib"));
    assertThat(r.packages()).allSatisfy(p -> {
      assertThat(p.type()).isEqualTo(PackageType.APK);
      assertThat(p.arch()).isEqualTo("x86_64");
      assertThat(p.sourceVersion()).isNull();
      assertThat(p.licenses()).isNotEmpty();
    });
    assertThat(r.packages()).filteredOn(p -> p.name().equals("libssl3")).singleElement()
        .satisfies(p -> assertThat(p.purl()).isEqualTo("pkg:apk/alpine/libssl3@3.3.2-r0?arch=x86_64&upstream=openssl"));
  }

  @Test
  void hostile_garbageTruncatedAndOverlongInputs() throws IOException {
    byte[] garbage = new byte[200_000];
    new java.util.Random(7).nextBytes(garbage);
    AnalysisResult g = analyzer.analyze(input("lib/apk/db/installed", garbage));
    assertThat(g.packages()).isEmpty();
    assertThat(g.skipped()).isNotEmpty();

    String full = Fixtures.text(DIR + "alpine-3.20.3.installed");
    String cut = full.substring(0, full.indexOf("\nV:", full.indexOf("P:musl\n")) + 1);
    AnalysisResult t = analyzer.analyze(input("lib/apk/db/installed", cut.getBytes(StandardCharsets.UTF_8)));
    assertThat(t.packages()).extracting(Package::name).doesNotContain("musl").isNotEmpty();
    assertThat(t.skipped()).singleElement().satisfies(s -> assertThat(s.where()).contains("(musl)"));

    String longVersion = "P:x\nV:1" + "0".repeat(70_000) + "\n\nP:y\nV:1.0-r0\nT:" + "t".repeat(200_000) + "\n";
    AnalysisResult l = analyzer.analyze(input("lib/apk/db/installed", longVersion.getBytes(StandardCharsets.UTF_8)));
    assertThat(l.packages()).extracting(Package::name).containsExactly("y");
    assertThat(l.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("longer than"));
  }
}
