package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.image.BlobStore;
import io.drydock.image.ImageOptions;
import io.drydock.image.RawManifest;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real distribution registry without auth, reached over the loopback HTTPS→HTTP fallback. */
class AnonymousRegistryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path dir;
  static RegistryProcess registry;
  static RegistryClient client;

  @BeforeAll
  static void start() throws Exception {
    registry = RegistryProcess.start(dir, "");
    registry.pushAlpine("fixtures/alpine:3.20.3", null);
    client = RegistryClient.builder(new ImageOptions(null, false, dir.resolve("no-docker-config"), null, dir,
        RegistryProcess.timeout())).environment(java.util.Map.of()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private static ImageRef ref(String s) {
    return ImageRef.parse(registry.authority() + "/" + s);
  }

  @Test
  void pullsTheManifestByTagWithTheDigestSkopeoPushed() throws Exception {
    RawManifest m = client.fetchManifest(ref("fixtures/alpine:3.20.3"), 1 << 20);
    assertThat(m.digest()).hasToString(RegistryProcess.ALPINE_DIGEST);
    assertThat(Digest.sha256(m.bytes())).hasToString(RegistryProcess.ALPINE_DIGEST);
    assertThat(m.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
  }

  @Test
  void headsATagForItsDigestAndPullsByDigest() throws Exception {
    Digest d = client.headDigest(ref("fixtures/alpine:3.20.3"));
    assertThat(d).hasToString(RegistryProcess.ALPINE_DIGEST);
    RawManifest byDigest = client.fetchManifest(ref("fixtures/alpine@" + d), 1 << 20);
    assertThat(byDigest.digest()).isEqualTo(d);
    assertThat(client.manifestExists(ref("fixtures/alpine:3.20.3"))).isTrue();
    assertThat(client.manifestExists(ref("fixtures/alpine:nope"))).isFalse();
  }

  @Test
  void streamsEveryBlobThroughTheBlobStoreWithMatchingDigests() throws Exception {
    try (BlobStore store = client.blobStore(ref("fixtures/alpine"))) {
      assertThat(store.describe()).isEqualTo(registry.authority() + "/fixtures/alpine");
      RawManifest m = store.fetchManifest("3.20.3", 1 << 20);
      var manifest = JSON.readTree(m.bytes());
      java.util.List<String> digests = new java.util.ArrayList<>();
      digests.add(manifest.path("config").path("digest").asText());
      manifest.path("layers").forEach(l -> digests.add(l.path("digest").asText()));
      assertThat(digests).hasSize(2);
      for (String digest : digests) {
        Digest expected = Digest.parse(digest);
        MessageDigest md = expected.newMessageDigest();
        try (InputStream in = new DigestInputStream(store.openBlob(expected), md)) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(Digest.of("sha256", md.digest())).isEqualTo(expected);
      }
    }
  }

  @Test
  void anUnknownTagIsNotFoundNamingRepositoryAndTag() {
    assertThatThrownBy(() -> client.fetchManifest(ref("fixtures/alpine:9.9"), 1 << 20))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
          assertThat(e.getMessage()).isEqualTo("Tried to pull manifest " + registry.authority()
              + "/fixtures/alpine:9.9 but failed because: repository fixtures/alpine on " + registry.authority()
              + " has no tag '9.9'");
        });
    assertThatThrownBy(() -> client.headDigest(ref("fixtures/alpine:9.9")))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void anUnknownRepositoryIsNotFound() throws Exception {
    assertThat(client.repositoryExists(ref("nobody/here"))).isFalse();
    assertThat(client.repositoryExists(ref("fixtures/alpine"))).isTrue();
    assertThatThrownBy(() -> client.listTags(ref("nobody/here")))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
          assertThat(e.getMessage()).endsWith("repository nobody/here does not exist on " + registry.authority());
        });
    assertThatThrownBy(() -> client.openBlob(ref("fixtures/alpine"), Digest.sha256(new byte[] {1})))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void listsTagsAcrossPages() throws Exception {
    registry.pushAlpine("paged/alpine:a", null); // the blobs must be in the repository before more tags
    RawManifest m = client.fetchManifest(ref("paged/alpine:a"), 1 << 20);
    for (String tag : new String[] {"b", "c", "d"}) {
      registry.putManifest("paged/alpine", tag, m.mediaType(), m.bytes());
    }
    // distribution 2.8 does not sort across pages; what matters is that every tag comes exactly once
    assertThat(client.listTags(ref("paged/alpine"), 3)).containsExactlyInAnyOrder("a", "b", "c", "d");
    assertThat(client.listTags(ref("paged/alpine"), 1)).containsExactlyInAnyOrder("a", "b", "c", "d");
    assertThat(client.listTags(ref("paged/alpine"))).containsExactlyInAnyOrder("a", "b", "c", "d");
  }

  @Test
  void pullsAMultiArchIndexAndItsChildren() throws Exception {
    registry.pushAlpine("multi/alpine:amd64", null);
    RawManifest amd64 = client.fetchManifest(ref("multi/alpine:amd64"), 1 << 20);
    ObjectNode manifest = (ObjectNode) JSON.readTree(amd64.bytes());
    Digest configDigest = Digest.parse(manifest.path("config").path("digest").asText());
    byte[] config;
    try (InputStream in = client.openBlob(ref("multi/alpine"), configDigest)) {
      config = in.readAllBytes();
    }
    ObjectNode armConfig = (ObjectNode) JSON.readTree(config);
    armConfig.put("architecture", "arm64");
    armConfig.put("variant", "v8");
    byte[] armConfigBytes = JSON.writeValueAsBytes(armConfig);
    Digest armConfigDigest = Digest.sha256(armConfigBytes);
    registry.putBlob("multi/alpine", armConfigBytes, armConfigDigest.toString());
    ObjectNode armManifest = manifest.deepCopy();
    ((ObjectNode) armManifest.path("config")).put("digest", armConfigDigest.toString()).put("size", armConfigBytes.length);
    byte[] armBytes = JSON.writeValueAsBytes(armManifest);
    Digest armDigest = Digest.sha256(armBytes);
    registry.putManifest("multi/alpine", armDigest.toString(), FetchManifest.OCI_MANIFEST, armBytes);
    String index = """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
         {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,"platform":{"architecture":"amd64","os":"linux"}},
         {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}}]}
        """.formatted(amd64.digest(), amd64.bytes().length, armDigest, armBytes.length);
    byte[] indexBytes = index.getBytes(StandardCharsets.UTF_8);
    registry.putManifest("multi/alpine", "3.20.3", FetchManifest.OCI_INDEX, indexBytes);

    RawManifest got = client.fetchManifest(ref("multi/alpine:3.20.3"), 1 << 20);
    assertThat(got.mediaType()).isEqualTo(FetchManifest.OCI_INDEX);
    assertThat(got.bytes()).isEqualTo(indexBytes);
    assertThat(got.digest()).isEqualTo(Digest.sha256(indexBytes));
    assertThat(client.headDigest(ref("multi/alpine:3.20.3"))).isEqualTo(Digest.sha256(indexBytes));
    RawManifest arm = client.fetchManifest(ref("multi/alpine@" + armDigest), 1 << 20);
    assertThat(arm.digest()).isEqualTo(armDigest);
    assertThat(JSON.readTree(arm.bytes()).path("config").path("digest").asText()).isEqualTo(armConfigDigest.toString());
  }

  @Test
  void aDeadPortIsUnreachable() throws Exception {
    int port = RegistryProcess.freePort();
    assertThatThrownBy(() -> client.fetchManifest(ImageRef.parse("127.0.0.1:" + port + "/x:1"), 1024))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE);
          assertThat(e.getMessage()).startsWith("Tried to pull manifest 127.0.0.1:" + port + "/x:1 but failed because: ")
              .contains("connection refused");
        });
  }
}
