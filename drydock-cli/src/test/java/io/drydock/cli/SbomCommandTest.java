package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path cache;

  private Cli sbom(String... args) {
    List<String> all = new ArrayList<>(List.of("sbom", "--cache-dir", cache.toString()));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void cycloneDxOutputIsValidAgainstTheSchemaAndKeepsSourcePackages() throws Exception {
    Cli cli = sbom("--format", "cyclonedx", Cli.testImage("alpine-3.20.3.oci.tar").toString());
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    byte[] bytes = cli.out().getBytes(StandardCharsets.UTF_8);
    assertThat(new JsonParser().validate(bytes, Version.VERSION_16)).isEmpty();
    JsonNode bom = JSON.readTree(bytes);
    assertThat(bom.path("metadata").path("component").path("version").asText())
        .isEqualTo("sha256:4d6295e60169ca90e6054a05e77399a9efb8051b5caf97a4b19325f054e0a54e");
    JsonNode libssl = find(bom.path("components"), "name", "libssl3");
    assertThat(libssl.path("purl").asText()).isEqualTo("pkg:apk/alpine/libssl3@3.3.2-r0?arch=x86_64&distro=3.20.3&upstream=openssl");
    assertThat(property(libssl, "drydock:package:sourceName")).isEqualTo("openssl");
    assertThat(property(libssl, "drydock:package:layerDiffID")).startsWith("sha256:");
    assertThat(find(bom.path("components"), "type", "operating-system").path("version").asText()).isEqualTo("3.20.3");
  }

  @Test
  void spdxOutputHasTheRequiredFieldsAndOneRelationshipPerPackage() throws Exception {
    Cli cli = sbom("--format", "spdx-json", Cli.testImage("debian-bookworm-dpkgdb.oci.tar").toString());
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    JsonNode doc = JSON.readTree(cli.out());
    assertThat(doc.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    assertThat(doc.path("documentNamespace").asText()).startsWith("https://");
    JsonNode packages = doc.path("packages");
    assertThat(packages.size()).isEqualTo(88 + 2);
    for (JsonNode p : packages) {
      assertThat(p.has("SPDXID") && p.has("name") && p.has("downloadLocation")).as(p.toString()).isTrue();
    }
    long contains = Stream.of(JSON.treeToValue(doc.path("relationships"), JsonNode[].class))
        .filter(r -> r.path("relationshipType").asText().equals("CONTAINS")).count();
    assertThat(contains).isEqualTo(88 + 1);
    JsonNode libc = find(packages, "name", "libc6");
    assertThat(libc.path("sourceInfo").asText()).isEqualTo("built package from: glibc 2.36-9+deb12u14");
  }

  @Test
  void jsonIsVersionedAndWritesAtomicallyToOutput(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("sbom.json");
    Cli cli = sbom("--format", "json", "--output", out.toString(), "oci-archive:" + Cli.testImage("whiteout.oci.tar"));
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).isEmpty();
    JsonNode doc = JSON.readTree(out.toFile());
    assertThat(doc.path("schema").asText()).isEqualTo("drydock.sbom/v1");
    assertThat(doc.path("packages").size()).isEqualTo(13);
    assertThat(doc.path("image").path("layers").size()).isEqualTo(5);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void tableNamesEveryPackageWithItsLayer() {
    Cli cli = sbom(Cli.testImage("lang-packages.oci.tar").toString());
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("Packages: 47")
        .containsPattern("maven +org.springframework:spring-beans +5.3.17 .* 2 [0-9a-f]{12} +app/lib/spring-beans-5.3.17.jar");
  }

  @Test
  void inspectReportsHardeningFacts() throws Exception {
    Cli cli = Cli.run("inspect", "--cache-dir", cache.toString(), "--format", "json", Cli.testImage("alpine-3.20.3.oci.tar").toString());
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    JsonNode doc = JSON.readTree(cli.out());
    assertThat(doc.path("runsAsRoot").asBoolean()).isTrue();
    assertThat(doc.path("shells").toString()).contains("/bin/sh");
    assertThat(doc.path("packageManagers").toString()).contains("apk");
    assertThat(doc.path("setuid").size()).as("the minirootfs ships no setuid file").isZero();
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode n : array) {
      if (n.path(field).asText().equals(value)) {
        return n;
      }
    }
    throw new AssertionError("no element with " + field + "=" + value);
  }

  private static String property(JsonNode component, String name) {
    for (JsonNode p : component.path("properties")) {
      if (p.path("name").asText().equals(name)) {
        return p.path("value").asText();
      }
    }
    return null;
  }
}
