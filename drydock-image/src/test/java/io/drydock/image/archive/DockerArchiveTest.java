package io.drydock.image.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.image.ImageOptions;
import io.drydock.image.ImageSources;
import io.drydock.image.OpenedImage;
import io.drydock.image.manifest.MediaTypes;
import io.drydock.image.testing.Fixtures;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageMetadata;
import io.drydock.model.LayerInfo;
import io.drydock.model.Platform;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerArchiveTest {
  static final String DOCKER = "debian-bookworm-dpkgdb.docker.tar";
  static final String CONFIG = "sha256:bea264c876d619fa752f657ae86cad1d539f2bb41d8fb0fc5e0e11ab9fb35ee9";
  static final String DIFF_ID = "sha256:ce373aeff279679a670be7845205e89886053e545bc88f81f6a440d1cc79b786";
  static final String LAYER_FILE = "ce373aeff279679a670be7845205e89886053e545bc88f81f6a440d1cc79b786.tar";

  @TempDir Path tmp;

  private OpenedImage open(String reference) throws IOException {
    return ImageSources.load().open(reference, ImageOptions.defaults(tmp).withPlatform(Platform.parse("linux/amd64")), EventSink.NONE);
  }

  private static void assertFails(ThrowingCallable call, ErrorKind kind, String... fragments) {
    assertThatThrownBy(call).isInstanceOfSatisfying(DrydockException.class, e -> {
      assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
      assertThat(e.getMessage()).startsWith("Tried to").contains(" but failed because: ").contains(fragments).doesNotContain("\n");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ":localhost/fixtures/debian-dpkgdb:bookworm", ":@0"})
  void readsSkopeoDockerArchive(String ref) throws IOException {
    Path archive = Fixtures.copy(DOCKER, tmp);
    try (OpenedImage image = open("docker-archive:" + archive + ref)) {
      ImageMetadata m = image.metadata();
      assertThat(m.configDigest()).hasToString(CONFIG);
      assertThat(m.manifestDigest()).isNull();
      assertThat(m.repoTags()).containsExactly("localhost/fixtures/debian-dpkgdb:bookworm");
      assertThat(m.ref()).hasToString("localhost/fixtures/debian-dpkgdb:bookworm");
      assertThat(m.platform()).isEqualTo(Platform.parse("linux/amd64"));
      assertThat(m.config().labels()).containsEntry("io.buildah.version", "1.28.2");
      assertThat(layer0CreatedBy(m)).startsWith("/bin/sh -c #(nop) COPY dir:");
      LayerInfo layer = m.layers().get(0);
      assertThat(layer.digest()).hasToString(DIFF_ID);
      assertThat(layer.diffId()).hasToString(DIFF_ID);
      assertThat(layer.size()).isEqualTo(84480);
      assertThat(layer.mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER_TAR);
      assertThat(Fixtures.drain(image.openLayerBlob(0))).isEqualTo(84480);
    }
  }

  @Test
  void bareFilePathIsAutodetectedForBothKinds() throws IOException {
    Path docker = Fixtures.copy(DOCKER, tmp);
    Path oci = Fixtures.copy(Fixtures.DEBIAN, tmp);
    try (OpenedImage d = open(docker.toString()); OpenedImage o = open(oci.toString())) {
      assertThat(d.metadata().configDigest()).isEqualTo(o.metadata().configDigest());
      assertThat(d.metadata().layers().get(0).diffId()).isEqualTo(o.metadata().layers().get(0).diffId());
      assertThat(o.metadata().manifestDigest()).hasToString(Fixtures.DEBIAN_MANIFEST);
    }
  }

  @Test
  void unknownTagIsNotFound() {
    Path archive = Fixtures.copy(DOCKER, tmp);
    assertFails(() -> open("docker-archive:" + archive + ":alpine:3"), ErrorKind.NOT_FOUND, "'alpine:3'", "localhost/fixtures/debian-dpkgdb:bookworm");
    assertFails(() -> open("docker-archive:" + archive + ":@1"), ErrorKind.NOT_FOUND, "@0 to @0");
  }

  private Path variant(Map<String, byte[]> files) {
    return Fixtures.tarBytes(tmp.resolve("variant.tar"), files);
  }

  @Test
  void flippedByteInLayerIsDigestMismatch() throws IOException {
    Map<String, byte[]> files = Fixtures.files(DOCKER);
    files.get(LAYER_FILE)[600] ^= 1;
    try (OpenedImage image = open("docker-archive:" + variant(files))) {
      assertFails(() -> Fixtures.drain(image.openLayerBlob(0)), ErrorKind.INVALID_INPUT, "blob " + DIFF_ID, "digest mismatch (got sha256:");
    }
  }

  @Test
  void truncatedLayerIsRefused() throws IOException {
    Map<String, byte[]> files = Fixtures.files(DOCKER);
    files.put(LAYER_FILE, java.util.Arrays.copyOf(files.get(LAYER_FILE), 1024));
    try (OpenedImage image = open("docker-archive:" + variant(files))) {
      assertFails(() -> Fixtures.drain(image.openLayerBlob(0)), ErrorKind.INVALID_INPUT, "digest mismatch");
    }
  }

  @Test
  void tamperedConfigIsRefused() {
    Map<String, byte[]> files = Fixtures.files(DOCKER);
    String name = CONFIG.substring(7) + ".json";
    files.put(name, new String(files.get(name), StandardCharsets.UTF_8).replace("buildah", "evilah").getBytes(StandardCharsets.UTF_8));
    assertFails(() -> open("docker-archive:" + variant(files)), ErrorKind.INVALID_INPUT, "config", "digest mismatch");
  }

  @Test
  void manifestPathEscapingIsRefused() {
    Map<String, byte[]> files = Fixtures.files(DOCKER);
    files.put("manifest.json", new String(files.get("manifest.json"), StandardCharsets.UTF_8).replace("\"ce373", "\"../ce373").getBytes(StandardCharsets.UTF_8));
    assertFails(() -> open("docker-archive:" + variant(files)), ErrorKind.INVALID_INPUT, "escapes the archive root");
  }

  @Test
  void missingLayerIsNotFound() {
    Map<String, byte[]> files = Fixtures.files(DOCKER);
    files.remove(LAYER_FILE);
    assertFails(() -> open("docker-archive:" + variant(files)), ErrorKind.NOT_FOUND, LAYER_FILE);
  }

  @Test
  void layerCountMismatchIsRefused() {
    Map<String, byte[]> files = Fixtures.files(DOCKER);
    files.put("manifest.json", new String(files.get("manifest.json"), StandardCharsets.UTF_8)
        .replace("\"Layers\":[", "\"Layers\":[\"" + LAYER_FILE + "\",").getBytes(StandardCharsets.UTF_8));
    assertFails(() -> open("docker-archive:" + variant(files)), ErrorKind.INVALID_INPUT, "lists 2 layers but the config has 1 diff_ids");
  }

  @Test
  void malformedManifestJsonIsRefused() {
    Map<String, byte[]> files = Fixtures.files(DOCKER);
    files.put("manifest.json", "[{\"Config\":".getBytes(StandardCharsets.UTF_8));
    assertFails(() -> open("docker-archive:" + variant(files)), ErrorKind.INVALID_INPUT, "manifest.json", "malformed JSON");
  }

  @Test
  void hugeManifestJsonIsRefusedWithoutReading() {
    Map<String, byte[]> files = Fixtures.files(DOCKER);
    files.put("manifest.json", new byte[5 * 1024 * 1024]);
    assertFails(() -> open("docker-archive:" + variant(files)), ErrorKind.INVALID_INPUT, "'manifest.json' is 5242880 bytes, more than the 4194304 allowed");
  }

  @Test
  void gzippedArchiveGetsAHelpfulMessage() throws IOException {
    Path gz = tmp.resolve("image.tar.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(Fixtures.copy(DOCKER, tmp)));
    }
    assertFails(() -> open(gz.toString()), ErrorKind.INVALID_INPUT, "gzip-compressed");
  }

  @Test
  void fileThatIsNotATarIsRefused() throws IOException {
    Path junk = Files.writeString(tmp.resolve("junk.tar"), "hello, this is not a tar archive at all\n".repeat(40));
    assertFails(() -> open(junk.toString()), ErrorKind.INVALID_INPUT, "junk.tar");
  }

  @Test
  void tarWithoutImageIsRefused() {
    Path plain = Fixtures.tarBytes(tmp.resolve("plain.tar"), Map.of("hello.txt", new byte[] {'h'}));
    assertFails(() -> open(plain.toString()), ErrorKind.INVALID_INPUT, "neither an OCI layout");
  }

  private static String layer0CreatedBy(ImageMetadata m) {
    return m.layers().get(0).createdBy();
  }

  /** Docker 25+ writes an OCI layout and a manifest.json side by side, with layers under blobs/sha256/. */
  private Path docker25Style() {
    Map<String, byte[]> files = Fixtures.files(Fixtures.DEBIAN);
    String config = "blobs/sha256/" + CONFIG.substring(7);
    String layer = "blobs/sha256/" + Fixtures.DEBIAN_LAYER.substring(7);
    files.put("index.json", new String(files.get("index.json"), StandardCharsets.UTF_8)
        .replace("\"org.opencontainers.image.ref.name\":\"bookworm\"",
            "\"io.containerd.image.name\":\"docker.io/library/debian-dpkgdb:bookworm\",\"org.opencontainers.image.ref.name\":\"bookworm\"")
        .getBytes(StandardCharsets.UTF_8));
    files.put("manifest.json", ("[{\"Config\":\"" + config + "\",\"RepoTags\":[\"debian-dpkgdb:bookworm\"],\"Layers\":[\"" + layer + "\"]}]")
        .getBytes(StandardCharsets.UTF_8));
    return variant(files);
  }

  @Test
  void docker25ArchiveReadsAsOciWhenAutodetectedAndAsDockerWhenAsked() throws IOException {
    Path archive = docker25Style();
    try (OpenedImage oci = open(archive.toString());
        OpenedImage byName = open("oci-archive:" + archive + ":debian-dpkgdb:bookworm");
        OpenedImage docker = open("docker-archive:" + archive + ":debian-dpkgdb:bookworm")) {
      assertThat(oci.metadata().manifestDigest()).hasToString(Fixtures.DEBIAN_MANIFEST);
      assertThat(oci.metadata().repoTags()).containsExactly("debian-dpkgdb:bookworm");
      assertThat(byName.metadata().manifestDigest()).hasToString(Fixtures.DEBIAN_MANIFEST);
      assertThat(docker.metadata().manifestDigest()).isNull();
      LayerInfo layer = docker.metadata().layers().get(0);
      assertThat(layer.digest()).hasToString(Fixtures.DEBIAN_LAYER);
      assertThat(layer.diffId()).hasToString(DIFF_ID);
      assertThat(layer.mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER_GZIP);
      assertThat(Fixtures.drain(docker.openLayerBlob(0))).isEqualTo(layer.size());
      assertThat(docker.metadata().layers().get(0).size()).isEqualTo(oci.metadata().layers().get(0).size());
    }
  }
}
