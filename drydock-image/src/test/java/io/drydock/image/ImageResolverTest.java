package io.drydock.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.image.manifest.MediaTypes;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageMetadata;
import io.drydock.model.ImageRef;
import io.drydock.model.Platform;
import io.drydock.model.event.EventSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resolver against an in-memory store: index → platform → manifest → config → layers, all verified. */
class ImageResolverTest {
  private static final byte[] LAYER_AMD64 = "layer-amd64".getBytes(StandardCharsets.UTF_8);
  private static final byte[] LAYER_ARM64 = "layer-arm64".getBytes(StandardCharsets.UTF_8);

  /** A registry-like store: manifests by tag or digest, blobs by digest. */
  static final class MemoryStore implements BlobStore {
    final Map<String, byte[]> manifests = new HashMap<>();
    final Map<String, String> mediaTypes = new HashMap<>();
    final Map<Digest, byte[]> blobs = new HashMap<>();
    boolean closed;

    Digest putBlob(byte[] content) {
      Digest d = Digest.sha256(content);
      blobs.put(d, content);
      return d;
    }

    Digest putManifest(String tag, String mediaType, String json) {
      byte[] bytes = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
      Digest d = Digest.sha256(bytes);
      manifests.put(d.toString(), bytes);
      mediaTypes.put(d.toString(), mediaType);
      if (tag != null) {
        manifests.put(tag, bytes);
        mediaTypes.put(tag, mediaType);
      }
      return d;
    }

    @Override
    public RawManifest fetchManifest(String reference, long maxBytes) {
      byte[] b = manifests.get(reference);
      if (b == null) {
        throw DrydockException.notFound("no manifest " + reference);
      }
      return new RawManifest(b, mediaTypes.get(reference), Digest.sha256(b));
    }

    @Override
    public InputStream openBlob(Digest digest) {
      byte[] b = blobs.get(digest);
      if (b == null) {
        throw DrydockException.notFound("no blob " + digest);
      }
      return new ByteArrayInputStream(b);
    }

    @Override
    public String describe() {
      return "memory";
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static String image(MemoryStore s, byte[] layer, String arch, long declaredLayerSize) {
    Digest diffId = Digest.sha256(layer);
    Digest config = s.putBlob(("{'architecture':'" + arch + "','os':'linux','config':{'User':'1000'},'rootfs':{'type':'layers','diff_ids':['" + diffId + "']}}")
        .replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    Digest layerDigest = s.putBlob(layer);
    return "{'schemaVersion':2,'mediaType':'application/vnd.docker.distribution.manifest.v2+json','config':{'mediaType':'application/vnd.docker.container.image.v1+json','digest':'"
        + config + "','size':" + s.blobs.get(config).length + "},'layers':[{'mediaType':'application/vnd.docker.image.rootfs.diff.tar.gzip','digest':'"
        + layerDigest + "','size':" + declaredLayerSize + "}]}";
  }

  private static MemoryStore multiArch() {
    MemoryStore s = new MemoryStore();
    String amd = image(s, LAYER_AMD64, "amd64", LAYER_AMD64.length);
    String arm = image(s, LAYER_ARM64, "arm64", LAYER_ARM64.length);
    Digest amdDigest = s.putManifest(null, MediaTypes.DOCKER_MANIFEST, amd);
    Digest armDigest = s.putManifest(null, MediaTypes.DOCKER_MANIFEST, arm);
    int amdSize = s.manifests.get(amdDigest.toString()).length;
    int armSize = s.manifests.get(armDigest.toString()).length;
    s.putManifest("1.0", MediaTypes.DOCKER_LIST, "{'schemaVersion':2,'mediaType':'application/vnd.docker.distribution.manifest.list.v2+json','manifests':["
        + "{'mediaType':'application/vnd.docker.distribution.manifest.v2+json','digest':'" + amdDigest + "','size':" + amdSize + ",'platform':{'os':'linux','architecture':'amd64'}},"
        + "{'mediaType':'application/vnd.docker.distribution.manifest.v2+json','digest':'" + armDigest + "','size':" + armSize + ",'platform':{'os':'linux','architecture':'arm64','variant':'v8'}}]}");
    return s;
  }

  private static OpenedImage open(MemoryStore s, String reference, String platform) throws IOException {
    ImageRef ref = ImageRef.parse("127.0.0.1:5000/app:1.0");
    return ImageResolver.open(s, reference, ref, "127.0.0.1:5000/app:1.0",
        ImageOptions.defaults(Path.of("unused")).withPlatform(Platform.parse(platform)), EventSink.NONE);
  }

  @Test
  void choosesPlatformFromIndexAndVerifiesEverything() throws IOException {
    MemoryStore s = multiArch();
    try (OpenedImage image = open(s, "1.0", "linux/arm64")) {
      ImageMetadata m = image.metadata();
      assertThat(m.indexDigest()).isEqualTo(Digest.sha256(s.manifests.get("1.0")));
      assertThat(m.platform()).isEqualTo(Platform.parse("linux/arm64"));
      assertThat(m.config().user()).isEqualTo("1000");
      assertThat(m.repoTags()).containsExactly("127.0.0.1:5000/app:1.0");
      assertThat(m.layers().get(0).digest()).isEqualTo(Digest.sha256(LAYER_ARM64));
      try (InputStream in = image.openLayerBlob(0)) {
        assertThat(in.readAllBytes()).isEqualTo(LAYER_ARM64);
      }
    }
    assertThat(s.closed).isTrue();
  }

  @Test
  void pinnedDigestMustMatchTheBytes() {
    MemoryStore s = multiArch();
    String pinned = "sha256:" + "0".repeat(64);
    s.manifests.put(pinned, s.manifests.get("1.0"));
    assertThatThrownBy(() -> open(s, pinned, "linux/amd64"))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
          assertThat(e.getMessage()).startsWith("Tried to read manifest " + pinned + " from memory but failed because: digest mismatch");
        });
    assertThat(s.closed).as("store closed on failure").isTrue();
  }

  @Test
  void indexEntryWhoseBytesDifferIsRefused() {
    MemoryStore s = multiArch();
    String indexDigest = Digest.sha256(s.manifests.get("1.0")).toString();
    s.manifests.replaceAll((k, v) -> k.startsWith("sha256:") && !k.equals(indexDigest) ? "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8) : v);
    assertThatThrownBy(() -> open(s, "1.0", "linux/arm64")).isInstanceOf(DrydockException.class).hasMessageContaining("digest mismatch");
  }

  @Test
  void missingPlatformListsAvailable() {
    assertThatThrownBy(() -> open(multiArch(), "1.0", "linux/s390x"))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
          assertThat(e.getMessage()).contains("linux/amd64, linux/arm64/v8");
        });
  }

  @Test
  void blobLongerThanDeclaredFailsWhileStreaming() throws IOException {
    MemoryStore s = new MemoryStore();
    s.putManifest("t", MediaTypes.DOCKER_MANIFEST, image(s, LAYER_AMD64, "amd64", 4));
    try (OpenedImage image = open(s, "t", "linux/amd64"); InputStream in = image.openLayerBlob(0)) {
      assertThatThrownBy(in::readAllBytes).isInstanceOfSatisfying(DrydockException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(e.getMessage()).isEqualTo("Tried to read blob " + Digest.sha256(LAYER_AMD64)
            + " from memory but failed because: it is longer than the 4 bytes its descriptor declares");
      });
    }
  }

  @Test
  void tamperedConfigIsRefused() {
    MemoryStore s = new MemoryStore();
    String manifest = image(s, LAYER_AMD64, "amd64", LAYER_AMD64.length);
    s.putManifest("t", MediaTypes.DOCKER_MANIFEST, manifest);
    s.blobs.replaceAll((d, b) -> new String(b, StandardCharsets.UTF_8).contains("rootfs")
        ? new String(b, StandardCharsets.UTF_8).replace("1000", "0000").getBytes(StandardCharsets.UTF_8) : b);
    assertThatThrownBy(() -> open(s, "t", "linux/amd64")).isInstanceOf(DrydockException.class).hasMessageContaining("digest mismatch");
  }

  @Test
  void artifactIsNotAnImage() {
    MemoryStore s = new MemoryStore();
    Digest empty = s.putBlob("{}".getBytes(StandardCharsets.UTF_8));
    s.putManifest("t", MediaTypes.OCI_MANIFEST, "{'schemaVersion':2,'mediaType':'application/vnd.oci.image.manifest.v1+json','config':{'mediaType':'application/vnd.oci.empty.v1+json','digest':'"
        + empty + "','size':2},'layers':[]}");
    assertThatThrownBy(() -> open(s, "t", "linux/amd64")).hasMessageContaining("not a container image");
  }

  @Test
  void verifyingStreamReportsTruncation() {
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
    VerifyingInputStream in = new VerifyingInputStream(new ByteArrayInputStream(content, 0, 3), Digest.sha256(content), 5, "here");
    assertThatThrownBy(in::readAllBytes).hasMessage("Tried to read blob " + Digest.sha256(content) + " from here but failed because: it ended after 3 of 5 bytes (truncated)");
  }
}
