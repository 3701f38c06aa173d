package io.drydock.image.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.image.ImageOptions;
import io.drydock.image.ImageSources;
import io.drydock.image.OpenedImage;
import io.drydock.image.testing.Fixtures;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageMetadata;
import io.drydock.model.LayerInfo;
import io.drydock.model.Platform;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciSourcesTest {
  @TempDir Path tmp;

  private OpenedImage open(String reference) throws IOException {
    return ImageSources.load().open(reference, ImageOptions.defaults(tmp).withPlatform(Platform.parse("linux/amd64")), EventSink.NONE);
  }

  private static void assertFails(ThrowingCallable call, ErrorKind kind, String... fragments) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
          assertThat(e.getMessage()).startsWith("Tried to").contains(" but failed because: ").contains(fragments).doesNotContain("\n");
        });
  }

  @Test
  void ociArchiveResolvesWhiteoutFixtureWithReadmeDigests() throws IOException {
    Path archive = Fixtures.copy(Fixtures.WHITEOUT, tmp);
    try (OpenedImage image = open("oci-archive:" + archive + ":1")) {
      ImageMetadata m = image.metadata();
      assertThat(m.manifestDigest()).hasToString(Fixtures.WHITEOUT_MANIFEST);
      assertThat(m.configDigest()).hasToString(Fixtures.WHITEOUT_CONFIG);
      assertThat(m.indexDigest()).isNull();
      assertThat(m.platform()).isEqualTo(Platform.parse("linux/amd64"));
      assertThat(m.layers()).extracting(l -> l.digest().shortHex())
          .containsExactly("7478d89e09e9", "a19adfd17067", "dd7c00dfe90d", "03da3693b9e3", "e02e1cc0c862");
      assertThat(m.layers()).extracting(LayerInfo::size).containsExactly(3743317L, 321L, 285L, 6640L, 188L);
      assertThat(m.layers().get(0).diffId()).hasToString("sha256:1bccf10afce5c1ffe31381419930ad565c1436eaeb1ca680494b0663e0028419");
      assertThat(m.layers().get(3).createdBy()).isEqualTo("/bin/sh -c apk del --no-network alpine-keys");
      assertThat(m.config().cmd()).containsExactly("/bin/sh");
      assertThat(m.config().labels()).containsEntry("io.buildah.version", "1.28.2");
      assertThat(m.config().created()).isEqualTo("2025-01-01T00:00:00Z");
      for (int i = 0; i < m.layers().size(); i++) {
        assertThat(Fixtures.drain(image.openLayerBlob(i))).isEqualTo(m.layers().get(i).size());
      }
    }
  }

  @Test
  void ociArchiveWithoutRefTakesTheOnlyImage() throws IOException {
    Path archive = Fixtures.copy(Fixtures.DEBIAN, tmp);
    try (OpenedImage image = open("oci-archive:" + archive)) {
      assertThat(image.metadata().manifestDigest()).hasToString(Fixtures.DEBIAN_MANIFEST);
      assertThat(image.metadata().layers()).singleElement().satisfies(l -> assertThat(l.digest()).hasToString(Fixtures.DEBIAN_LAYER));
      assertThat(Fixtures.drain(image.openLayerBlob(0))).isEqualTo(image.metadata().layers().get(0).size());
    }
  }

  @Test
  void ociArchiveUnknownRefIsNotFoundAndListsRefs() {
    Path archive = Fixtures.copy(Fixtures.DEBIAN, tmp);
    assertFails(() -> open("oci-archive:" + archive + ":nope"), ErrorKind.NOT_FOUND, "'nope'", "bookworm");
  }

  @Test
  void missingArchiveIsNotFound() {
    assertFails(() -> open("oci-archive:" + tmp.resolve("absent.tar")), ErrorKind.NOT_FOUND, "does not exist");
  }

  @Test
  void ociDirectoryResolvesSameImage() throws IOException {
    Path dir = Fixtures.extract(Fixtures.WHITEOUT, tmp);
    try (OpenedImage image = open("oci:" + dir + ":1")) {
      assertThat(image.metadata().manifestDigest()).hasToString(Fixtures.WHITEOUT_MANIFEST);
      assertThat(Fixtures.drain(image.openLayerBlob(4))).isEqualTo(188);
    }
  }

  @Test
  void bareLayoutDirectoryPathIsAccepted() throws IOException {
    Path dir = Fixtures.extract(Fixtures.DEBIAN, tmp);
    try (OpenedImage image = open(dir.toString())) {
      assertThat(image.metadata().manifestDigest()).hasToString(Fixtures.DEBIAN_MANIFEST);
    }
  }

  private static Path blob(Path dir, String digest) {
    Digest d = Digest.parse(digest);
    return dir.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
  }

  @Test
  void flippedByteInLayerIsDigestMismatchAtEof() throws IOException {
    Path dir = Fixtures.extract(Fixtures.DEBIAN, tmp);
    try (RandomAccessFile f = new RandomAccessFile(blob(dir, Fixtures.DEBIAN_LAYER).toFile(), "rw")) {
      f.seek(100);
      int b = f.read();
      f.seek(100);
      f.write(b ^ 0xff);
    }
    try (OpenedImage image = open("oci:" + dir)) {
      assertFails(() -> Fixtures.drain(image.openLayerBlob(0)), ErrorKind.INVALID_INPUT,
          "blob " + Fixtures.DEBIAN_LAYER, "digest mismatch (got sha256:");
    }
  }

  @Test
  void truncatedLayerFails() throws IOException {
    Path dir = Fixtures.extract(Fixtures.DEBIAN, tmp);
    try (RandomAccessFile f = new RandomAccessFile(blob(dir, Fixtures.DEBIAN_LAYER).toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    try (OpenedImage image = open("oci:" + dir)) {
      assertFails(() -> Fixtures.drain(image.openLayerBlob(0)), ErrorKind.INVALID_INPUT, "truncated");
    }
  }

  @Test
  void missingLayerBlobIsNotFound() throws IOException {
    Path dir = Fixtures.extract(Fixtures.DEBIAN, tmp);
    Files.delete(blob(dir, Fixtures.DEBIAN_LAYER));
    try (OpenedImage image = open("oci:" + dir)) {
      assertFails(() -> image.openLayerBlob(0), ErrorKind.NOT_FOUND, "no such file");
    }
  }

  @Test
  void symlinkedBlobPointingOutsideIsRefused() throws IOException {
    Path dir = Fixtures.extract(Fixtures.DEBIAN, tmp);
    Path outside = Files.writeString(tmp.resolve("outside"), "secret");
    Path layer = blob(dir, Fixtures.DEBIAN_LAYER);
    Files.delete(layer);
    Files.createSymbolicLink(layer, outside);
    try (OpenedImage image = open("oci:" + dir)) {
      assertFails(() -> image.openLayerBlob(0), ErrorKind.INVALID_INPUT, "outside the layout directory");
    }
  }

  @Test
  void tamperedManifestIsDigestMismatch() throws IOException {
    Path dir = Fixtures.extract(Fixtures.DEBIAN, tmp);
    Path manifest = blob(dir, Fixtures.DEBIAN_MANIFEST);
    Files.writeString(manifest, Files.readString(manifest).replace("\"size\"", " \"size\""));
    assertFails(() -> open("oci:" + dir), ErrorKind.INVALID_INPUT, "manifest " + Fixtures.DEBIAN_MANIFEST, "digest mismatch");
  }

  /** Stores {@code content} as a blob and points index.json at it. */
  private static void replaceManifest(Path dir, byte[] content) throws IOException {
    Digest d = Digest.sha256(content);
    Files.write(blob(dir, d.toString()), content);
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + d + "\",\"size\":" + content.length + "}]}");
  }

  @Test
  void malformedManifestJsonIsInvalidInput() throws IOException {
    Path dir = Fixtures.extract(Fixtures.DEBIAN, tmp);
    replaceManifest(dir, "{\"schemaVersion\":2,\"config\":".getBytes(StandardCharsets.UTF_8));
    assertFails(() -> open("oci:" + dir), ErrorKind.INVALID_INPUT, "malformed JSON");
  }

  @Test
  void oversizedManifestIsRefusedWithoutReadingIt() throws IOException {
    Path dir = Fixtures.extract(Fixtures.DEBIAN, tmp);
    byte[] big = new byte[5 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    replaceManifest(dir, big);
    assertFails(() -> open("oci:" + dir), ErrorKind.INVALID_INPUT, "more than the 4194304 allowed");
  }

  @Test
  void oversizedIndexJsonIsRefused() throws IOException {
    Path dir = Fixtures.extract(Fixtures.DEBIAN, tmp);
    Files.write(dir.resolve("index.json"), new byte[5 * 1024 * 1024]);
    assertFails(() -> open("oci:" + dir), ErrorKind.INVALID_INPUT, "index.json", "more than the 4194304 allowed");
  }

  @Test
  void directoryWithoutOciLayoutFileIsRefused() throws IOException {
    Path dir = Fixtures.extract(Fixtures.DEBIAN, tmp);
    Files.delete(dir.resolve("oci-layout"));
    assertFails(() -> open("oci:" + dir), ErrorKind.INVALID_INPUT, "not an OCI image layout");
  }

  private Path hostileArchive(Map<String, String> extra) throws IOException {
    Path dir = Fixtures.extract(Fixtures.DEBIAN, tmp);
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("oci-layout", Files.readString(dir.resolve("oci-layout")));
    entries.put("index.json", Files.readString(dir.resolve("index.json")));
    entries.putAll(extra);
    return Fixtures.tar(tmp.resolve("hostile.tar"), entries);
  }

  @Test
  void archiveEntryEscapingRootIsRefused() throws IOException {
    Path archive = hostileArchive(Map.of("blobs/../../evil", "x"));
    assertFails(() -> open("oci-archive:" + archive), ErrorKind.INVALID_INPUT, "escapes the archive root");
  }

  @Test
  void absoluteArchiveEntryIsRefused() throws IOException {
    Path archive = hostileArchive(Map.of("/etc/evil", "x"));
    assertFails(() -> open("oci-archive:" + archive), ErrorKind.INVALID_INPUT, "absolute name");
  }

  @Test
  void duplicateArchiveEntryIsRefused() throws IOException {
    Path archive = hostileArchive(Map.of("index.json#2", "{}"));
    assertFails(() -> open("oci-archive:" + archive), ErrorKind.INVALID_INPUT, "'index.json' appears more than once");
  }

  @Test
  void archiveSymlinkLeavingArchiveIsRefused() throws IOException {
    Path archive = hostileArchive(Map.of("blobs/sha256/x", "->../../../etc/passwd"));
    assertFails(() -> open("oci-archive:" + archive), ErrorKind.INVALID_INPUT, "points outside the archive");
  }

  @Test
  void archiveWithMissingBlobsIsNotFound() throws IOException {
    Path archive = hostileArchive(Map.of());
    assertFails(() -> open("oci-archive:" + archive), ErrorKind.NOT_FOUND, "blobs/sha256/");
  }

  @Test
  void truncatedArchiveIsRefused() throws IOException {
    Path archive = Fixtures.copy(Fixtures.WHITEOUT, tmp);
    try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
      f.setLength(f.length() - 20_000);
    }
    assertThatThrownBy(() -> {
      try (OpenedImage image = open("oci-archive:" + archive)) {
        for (int i = 0; i < image.metadata().layers().size(); i++) {
          Fixtures.drain(image.openLayerBlob(i));
        }
      }
    }).isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isIn(ErrorKind.INVALID_INPUT, ErrorKind.NOT_FOUND));
  }

  @Test
  void blobsAreReadInPlaceConcurrently() throws IOException {
    Path archive = Fixtures.copy(Fixtures.WHITEOUT, tmp);
    try (OpenedImage image = open("oci-archive:" + archive);
        InputStream a = image.openLayerBlob(0);
        InputStream b = image.openLayerBlob(3)) {
      byte[] first = a.readNBytes(10);
      assertThat(Fixtures.drain(b)).isEqualTo(6640);
      assertThat(first[0] & 0xff).isEqualTo(0x1f);
      assertThat(10 + Fixtures.drain(a)).isEqualTo(3743317);
    }
  }
}
