package io.drydock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.event.EventSink;
import io.drydock.scan.db.VulnDbImporter;
import io.drydock.model.PackageUrl;
import io.drydock.scan.testfixtures.PeerCases;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Vulnerability DBs and SBOMs for the scan command's tests, from drydock-scan's test resources (its test jar). */
final class ScanFixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> ALPINE_SECDB = List.of("apk-tools", "busybox", "musl", "openssl", "zlib");

  private ScanFixtures() {}

  /** Copies a class path resource (drydock-scan's test resources) to {@code dir}. */
  static Path resource(String name, Path dir) {
    Path target = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
    try (InputStream in = Objects.requireNonNull(ScanFixtures.class.getResourceAsStream(name), name)) {
      Files.createDirectories(dir);
      Files.copy(in, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path importDb(Clock clock, Path db, Path... sources) {
    new VulnDbImporter(clock, EventSink.NONE).importFrom(List.of(sources), db);
    return db;
  }

  /** The real Maven, npm and PyPI advisories (624 OSV records). */
  static Path langDb(Path dir) {
    return importDb(Clock.systemUTC(), dir.resolve("lang.sqlite"), resource("/advisories/lang-advisories.zip", dir));
  }

  /** The Alpine v3.20 main secdb files of the five origins the fixture image has advisories for. */
  static Path alpineDb(Path dir, Clock clock) {
    Path secdb = dir.resolve("secdb");
    for (String origin : ALPINE_SECDB) {
      resource("/advisories/alpine/v3.20/main/" + origin + ".json", secdb);
    }
    return importDb(clock, dir.resolve("alpine.sqlite"), secdb);
  }

  /** A peer case's advisories as OSV files, imported. */
  static Path peerDb(JsonNode c, Path dir) throws IOException {
    Path osv = Files.createDirectories(dir.resolve("osv"));
    int i = 0;
    for (ObjectNode record : PeerCases.osvRecords(c)) {
      Files.write(osv.resolve((i++) + ".json"), JSON.writeValueAsBytes(record));
    }
    return importDb(Clock.systemUTC(), dir.resolve("peer.sqlite"), osv);
  }

  /**
   * A peer case's packages as a CycloneDX SBOM the way Trivy writes one: purls with {@code distro} and
   * {@code epoch} qualifiers, {@code aquasecurity:trivy:Src*} and {@code PkgType} properties, and the OS as an
   * operating-system component.
   */
  static Path trivyStyleCycloneDx(JsonNode c, Path file) throws IOException {
    String family = c.path("os").path("family").asText();
    String osVersion = c.path("os").path("name").asText();
    ObjectNode bom = JSON.createObjectNode();
    bom.put("bomFormat", "CycloneDX");
    bom.put("specVersion", "1.6");
    bom.put("version", 1);
    ObjectNode root = bom.putObject("metadata").putObject("component");
    root.put("bom-ref", "image");
    root.put("type", "container");
    root.put("name", "ghcr.io/aquasecurity/trivy-test-images:" + c.path("image").path("tag").asText());
    ArrayNode components = bom.putArray("components");
    ObjectNode os = components.addObject();
    os.put("bom-ref", "os");
    os.put("type", "operating-system");
    os.put("name", family);
    os.put("version", osVersion);
    int n = 0;
    for (JsonNode p : c.get("packages")) {
      String type = p.get("type").asText();
      String version = p.get("version").asText() + (p.hasNonNull("release") && !p.get("release").asText().isEmpty() ? "-" + p.get("release").asText() : "");
      PackageUrl purl = PackageUrl.of(type, family, p.get("name").asText(), version)
          .withQualifier("arch", p.path("arch").asText(null))
          .withQualifier("distro", type.equals("apk") ? osVersion : family + "-" + osVersion);
      if (p.hasNonNull("epoch") && p.get("epoch").asInt() != 0) {
        purl = purl.withQualifier("epoch", p.get("epoch").asText());
      }
      ObjectNode comp = components.addObject();
      comp.put("bom-ref", "pkg-" + (n++));
      comp.put("type", "library");
      comp.put("name", p.get("name").asText());
      comp.put("version", (p.hasNonNull("epoch") && p.get("epoch").asInt() != 0 ? p.get("epoch").asText() + ":" : "") + version);
      comp.put("purl", purl.toString());
      ArrayNode props = comp.putArray("properties");
      prop(props, "PkgType", family);
      if (p.hasNonNull("srcName")) {
        prop(props, "SrcName", p.get("srcName").asText());
      }
      if (p.hasNonNull("srcVersion")) {
        prop(props, "SrcVersion", p.get("srcVersion").asText());
      }
      if (p.hasNonNull("srcRelease") && !p.get("srcRelease").asText().isEmpty()) {
        prop(props, "SrcRelease", p.get("srcRelease").asText());
      }
      if (p.hasNonNull("srcEpoch") && p.get("srcEpoch").asInt() != 0) {
        prop(props, "SrcEpoch", p.get("srcEpoch").asText());
      }
    }
    Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(bom));
    return file;
  }

  private static void prop(ArrayNode props, String name, String value) {
    props.addObject().put("name", "aquasecurity:trivy:" + name).put("value", value);
  }
}
