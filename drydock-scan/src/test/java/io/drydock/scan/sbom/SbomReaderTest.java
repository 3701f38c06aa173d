package io.drydock.scan.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.LayerInfo;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Sbom;
import io.drydock.scan.analyzer.ospkg.OsPurls;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SbomReaderTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Digest LAYER = Digest.parse("sha256:" + "ab".repeat(32));
  private static final OsInfo DEBIAN = new OsInfo("debian", "12.7", null);

  @TempDir Path tmp;

  /** Packages with everything the reader must restore: source package, epoch, group:artifact, npm scope, layer. */
  static Sbom sample() {
    List<Package> packages = List.of(
        new Package(PackageType.DEB, "libc6", "2.36-9+deb12u7", "glibc", null, "amd64",
            OsPurls.of(PackageType.DEB, "libc6", "2.36-9+deb12u7", "amd64", "glibc", null, DEBIAN), "var/lib/dpkg/status", LAYER, List.of()),
        new Package(PackageType.DEB, "libgcrypt20", "1:1.10.1-3", null, null, "amd64",
            OsPurls.of(PackageType.DEB, "libgcrypt20", "1:1.10.1-3", "amd64", null, null, DEBIAN), "var/lib/dpkg/status", LAYER, List.of()),
        new Package(PackageType.DEB, "libperl5.36", "5.36.0-7", "perl", "5.36.0-7+deb12u1", "amd64",
            OsPurls.of(PackageType.DEB, "libperl5.36", "5.36.0-7", "amd64", "perl", "5.36.0-7+deb12u1", DEBIAN), "var/lib/dpkg/status", LAYER,
            List.of()),
        new Package(PackageType.MAVEN, "org.apache.logging.log4j:log4j-core", "2.14.1", null, null, null,
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "app/lib/log4j-core-2.14.1.jar", LAYER, List.of()),
        new Package(PackageType.NPM, "@babel/core", "7.0.0", null, null, null, "pkg:npm/%40babel/core@7.0.0",
            "app/node/package-lock.json", null, List.of()));
    ImageMetadata image = new ImageMetadata("oci-archive:x.tar", null, null, Digest.parse("sha256:" + "cd".repeat(32)), null, null,
        List.of(new LayerInfo(LAYER, LAYER, 10, "application/vnd.oci.image.layer.v1.tar+gzip", null)), ImageConfig.empty(), List.of());
    return new Sbom(image, DEBIAN, packages, List.of());
  }

  private Path write(String name, Writer w) throws IOException {
    Path file = tmp.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      w.write(sample(), out);
    }
    return file;
  }

  interface Writer {
    void write(Sbom sbom, OutputStream out) throws IOException;
  }

  static List<String> essentials(Sbom sbom) {
    return sbom.packages().stream()
        .map(p -> p.type() + " " + p.name() + " " + p.version() + " " + p.sourceName() + " " + p.sourceVersion() + " " + p.location() + " "
            + p.layer())
        .toList();
  }

  @Test
  void drydocksOwnCycloneDxComesBackWithSourcePackagesEpochsAndLayers() throws IOException {
    Sbom back = new SbomReader().read(write("bom.json", new CycloneDxWriter(CLOCK, "t")::write));
    assertThat(essentials(back)).containsExactlyElementsOf(essentials(sample()));
    assertThat(back.os()).isEqualTo(DEBIAN);
    assertThat(back.image().manifestDigest()).isEqualTo(sample().image().manifestDigest());
    assertThat(back.skipped()).isEmpty();
  }

  @Test
  void drydocksOwnSpdxComesBack() throws IOException {
    Sbom back = new SbomReader().read(write("spdx.json", new SpdxWriter(CLOCK, "t")::write));
    assertThat(essentials(back)).containsExactlyElementsOf(essentials(sample()));
    assertThat(back.os()).isEqualTo(DEBIAN);
  }

  @Test
  void drydocksOwnJsonComesBack() throws IOException {
    Sbom back = new SbomReader().read(write("sbom.json", new JsonSbomWriter(CLOCK, "t")::write));
    assertThat(essentials(back)).containsExactlyElementsOf(essentials(sample()));
    assertThat(back.os()).isEqualTo(DEBIAN);
    assertThat(back.image().name()).isEqualTo("oci-archive:x.tar");
  }

  @Test
  void trivyCycloneDxGivesSourcePackagesFromItsPropertiesAndTheOsFromItsComponent() throws IOException {
    Path file = tmp.resolve("trivy.cdx.json");
    Files.writeString(file, """
        {"bomFormat": "CycloneDX", "specVersion": "1.5",
         "metadata": {"component": {"type": "container", "name": "debian:10",
            "purl": "pkg:oci/debian@sha256%3Aeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee?arch=amd64",
            "properties": [{"name": "aquasecurity:trivy:ImageID", "value": "sha256:1111111111111111111111111111111111111111111111111111111111111111"}]}},
         "components": [
          {"bom-ref": "x", "type": "library", "name": "libgcrypt20", "version": "1.8.4-5",
           "purl": "pkg:deb/debian/libgcrypt20@1.8.4-5?arch=amd64&distro=debian-10.1&epoch=1",
           "properties": [
             {"name": "aquasecurity:trivy:LayerDiffID", "value": "sha256:abababababababababababababababababababababababababababababababab"},
             {"name": "aquasecurity:trivy:PkgType", "value": "debian"},
             {"name": "aquasecurity:trivy:SrcEpoch", "value": "1"},
             {"name": "aquasecurity:trivy:SrcName", "value": "libgcrypt20"},
             {"name": "aquasecurity:trivy:SrcRelease", "value": "5"},
             {"name": "aquasecurity:trivy:SrcVersion", "value": "1.8.4"}]},
          {"bom-ref": "y", "type": "library", "name": "libssl1.1", "version": "1.1.1c-1",
           "purl": "pkg:deb/debian/libssl1.1@1.1.1c-1?arch=amd64&distro=debian-10.1",
           "properties": [
             {"name": "aquasecurity:trivy:SrcName", "value": "openssl"},
             {"name": "aquasecurity:trivy:SrcVersion", "value": "1.1.1d"},
             {"name": "aquasecurity:trivy:SrcRelease", "value": "0+deb10u1"}]},
          {"bom-ref": "z", "type": "application", "name": "app/package-lock.json"},
          {"bom-ref": "os", "type": "operating-system", "name": "debian", "version": "10.1"}
         ]}
        """);
    Sbom sbom = new SbomReader().read(file);
    assertThat(sbom.os()).isEqualTo(new OsInfo("debian", "10.1", null));
    assertThat(essentials(sbom)).containsExactly(
        "DEB libgcrypt20 1:1.8.4-5 null null sbom " + LAYER,
        "DEB libssl1.1 1.1.1c-1 openssl 1.1.1d-0+deb10u1 sbom null");
    assertThat(sbom.image().name()).isEqualTo("debian:10");
    assertThat(sbom.image().manifestDigest()).hasToString("sha256:" + "e".repeat(64));
    assertThat(sbom.image().configDigest()).hasToString("sha256:" + "1".repeat(64));
  }

  @Test
  void syftCycloneDxGivesSourcePackagesFromUpstreamAndTheOsFromTheDistroQualifier() throws IOException {
    Path file = tmp.resolve("syft.cdx.json");
    Files.writeString(file, """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
          {"type": "library", "name": "libcrypto3", "version": "3.3.2-r0",
           "purl": "pkg:apk/alpine/libcrypto3@3.3.2-r0?arch=x86_64&upstream=openssl&distro=alpine-3.20.3",
           "properties": [{"name": "syft:package:type", "value": "apk"},
                          {"name": "syft:location:0:path", "value": "/lib/apk/db/installed"}]},
          {"type": "library", "name": "libc6", "version": "2.36-9+deb12u7",
           "purl": "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&upstream=glibc%402.36-9%2Bdeb12u8&distro=debian-12"},
          {"type": "library", "name": "swift-thing", "version": "1.0", "purl": "pkg:swift/github.com/x/thing@1.0"},
          {"type": "library", "name": "nopurl", "version": "1.0"}
        ]}
        """);
    Sbom sbom = new SbomReader().read(file);
    assertThat(sbom.os()).isEqualTo(new OsInfo("alpine", "3.20.3", null));
    assertThat(essentials(sbom)).containsExactly(
        "APK libcrypto3 3.3.2-r0 openssl null /lib/apk/db/installed null",
        "DEB libc6 2.36-9+deb12u7 glibc 2.36-9+deb12u8 sbom null");
    assertThat(sbom.skipped()).extracting(s -> s.reason())
        .containsExactly("purl type swift is not matched by drydock", "component has no purl; not matched");
  }

  @Test
  void trivySpdxAnnotationsGiveTheSourcePackage() throws IOException {
    Path file = tmp.resolve("trivy.spdx.json");
    Files.writeString(file, """
        {"spdxVersion": "SPDX-2.3", "name": "alpine:3.10", "packages": [
          {"SPDXID": "SPDXRef-OperatingSystem-1", "name": "alpine", "versionInfo": "3.10.2", "primaryPackagePurpose": "OPERATING-SYSTEM"},
          {"SPDXID": "SPDXRef-Package-2", "name": "libcrypto1.1", "versionInfo": "1.1.1c-r0",
           "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                             "referenceLocator": "pkg:apk/alpine/libcrypto1.1@1.1.1c-r0?arch=x86_64&distro=3.10.2"}],
           "annotations": [{"annotator": "Tool: trivy-0.50.0", "comment": "SrcName: openssl"},
                           {"annotator": "Tool: trivy-0.50.0", "comment": "SrcVersion: 1.1.1c-r0"}]}
        ]}
        """);
    Sbom sbom = new SbomReader().read(file);
    assertThat(sbom.os()).isEqualTo(new OsInfo("alpine", "3.10.2", null));
    assertThat(essentials(sbom)).containsExactly("APK libcrypto1.1 1.1.1c-r0 openssl null sbom null");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "not json           | hello                                 | it is not valid JSON",
    "truncated          | {\"bomFormat\": \"CycloneDX\", \"components\": [ | it is not valid JSON",
    "array              | []                                    | it is not a JSON object",
    "unknown format     | {\"hello\": 1}                        | it is neither CycloneDX",
    "deep nesting       | DEEP                                  | it is not valid JSON",
  })
  void malformedInputIsOneLineInvalidInput(String name, String content, String why) throws IOException {
    Path file = tmp.resolve("bad.json");
    Files.writeString(file, content.equals("DEEP") ? "{\"bomFormat\":\"CycloneDX\",\"x\":" + "[".repeat(200) + "]".repeat(200) + "}" : content);
    assertThatThrownBy(() -> new SbomReader().read(file))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
          assertThat(e.getMessage()).startsWith("Tried to read the SBOM " + file + " but failed because: " + why).doesNotContain("\n");
        });
  }

  @Test
  void aMillionComponentsAreRefusedAtTheCapWithoutReadingThemAll() throws IOException {
    Path file = tmp.resolve("huge.cdx.json");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[");
      for (int i = 0; i < 1_000_000; i++) {
        w.write((i == 0 ? "" : ",") + "{\"type\":\"library\",\"name\":\"p" + i + "\",\"version\":\"1\",\"purl\":\"pkg:npm/p" + i + "@1\"}");
      }
      w.write("]}");
    }
    assertThatThrownBy(() -> new SbomReader().read(file))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
          assertThat(e.getMessage()).contains("it has more than 100000 components");
        });
  }

  @Test
  void theCapCountsNestedComponents() throws IOException {
    Path file = tmp.resolve("nested.cdx.json");
    Files.writeString(file, """
        {"bomFormat": "CycloneDX", "components": [
          {"type": "library", "name": "a", "version": "1", "purl": "pkg:npm/a@1", "components": [
            {"type": "library", "name": "b", "version": "1", "purl": "pkg:npm/b@1"},
            {"type": "library", "name": "c", "version": "1", "purl": "pkg:npm/c@1"}]}]}
        """);
    assertThat(new SbomReader(3).read(file).packages()).hasSize(3);
    assertThatThrownBy(() -> new SbomReader(2).read(file)).hasMessageContaining("more than 2 components");
  }

  @Test
  void missingFileIsNotFound() {
    assertThatThrownBy(() -> new SbomReader().read(tmp.resolve("nope.json")))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @ParameterizedTest
  @CsvSource({"'  {\"a\":1}', true", "'PK\u0003\u0004', false", "'', false"})
  void looksLikeJsonSniffsTheFirstByte(String content, boolean json) throws IOException {
    Path file = tmp.resolve("f");
    Files.writeString(file, content);
    assertThat(SbomReader.looksLikeJson(file)).isEqualTo(json);
  }
}
