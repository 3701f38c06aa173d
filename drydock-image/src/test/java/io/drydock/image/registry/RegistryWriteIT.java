package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.image.ImageOptions;
import io.drydock.image.RawManifest;
import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write path against the shared CNCF distribution registry of the test environment
 * ({@code DRYDOCK_TEST_REGISTRY}, default 127.0.0.1:5000); every test writes to its own fresh repository.
 */
class RegistryWriteIT {
  static final String REGISTRY = System.getenv().getOrDefault("DRYDOCK_TEST_REGISTRY", "127.0.0.1:5000");
  @TempDir
  static Path dir;
  static RegistryClient client;

  @BeforeAll
  static void start() {
    client = RegistryClient.builder(ImageOptions.defaults(dir).withDockerConfigDir(dir.resolve("none")))
        .environment(Map.of()).build();
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  static ImageRef fresh(String tag) {
    return ImageRef.parse(REGISTRY + "/drydock-it/write-" + UUID.randomUUID().toString().substring(0, 8) + ":" + tag);
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] manifest(PushBlob config, List<PushBlob> layers) {
    StringBuilder s = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.size()
        + ",\"digest\":\"" + config.digest() + "\"},\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      s.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"size\":")
          .append(layers.get(i).size()).append(",\"digest\":\"").append(layers.get(i).digest()).append("\"}");
    }
    return s.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void pushesAnImageThatReadsBackByteForByte() throws Exception {
    ImageRef ref = fresh("v1");
    PushBlob config = PushBlob.of("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
        .getBytes(StandardCharsets.UTF_8));
    byte[] big = random(300_000, 1);
    Path file = dir.resolve("layer.bin");
    Files.write(file, big);
    PushBlob small = PushBlob.of(random(1234, 2));
    PushBlob fromFile = PushBlob.ofFile(Digest.sha256(big), big.length, file);
    byte[] manifest = manifest(config, List.of(small, fromFile));

    assertThat(client.blobExists(ref, small.digest())).isFalse();
    Digest pushed = client.pushImage(ref, FetchManifest.OCI_MANIFEST, manifest, List.of(config, small, fromFile));

    assertThat(pushed).isEqualTo(Digest.sha256(manifest));
    assertThat(client.blobExists(ref, small.digest())).isTrue();
    RawManifest back = client.fetchManifest(ref, 1 << 20);
    assertThat(back.bytes()).isEqualTo(manifest);
    assertThat(client.headDigest(ref)).isEqualTo(pushed);
    try (InputStream in = client.openBlob(ref, fromFile.digest())) {
      assertThat(in.readAllBytes()).isEqualTo(big);
    }
    assertThat(client.listTags(ref)).containsExactly("v1");
  }

  @Test
  void uploadsInChunksAndReportsTheOffsetOfAnOpenSession() throws Exception {
    ImageRef ref = fresh("c");
    byte[] blob = random(50_001, 3);
    int resumes = client.pushBlob(ref, PushBlob.of(blob), 8192);
    assertThat(resumes).isZero();
    try (InputStream in = client.openBlob(ref, Digest.sha256(blob))) {
      assertThat(in.readAllBytes()).isEqualTo(blob);
    }
    // a session with one chunk in it: the registry reports what it has, which is where a resume starts
    RegistrySession s = client.session(ref.registry());
    String location = UploadBlob.start(s, ref.repository(), "test");
    var r = s.send("PATCH", location, Map.of("Content-Range", "0-999"), RegistrySession.pushScope(ref.repository()), "test",
        java.net.http.HttpRequest.BodyPublishers.ofByteArray(random(1000, 4)), "application/octet-stream");
    Bodies.discard(r);
    assertThat(r.statusCode()).isEqualTo(202);
    UploadBlob.Status status = UploadBlob.status(s, ref.repository(), UploadBlob.location(r, "test"), "test");
    assertThat(status.received()).isEqualTo(1000);
  }

  @Test
  void mountsABlobFromAnotherRepository() throws Exception {
    ImageRef a = fresh("a");
    ImageRef b = fresh("b");
    PushBlob blob = PushBlob.of(random(777, 5));
    client.pushBlob(a, blob);
    assertThat(client.blobExists(b, blob.digest())).isFalse();
    assertThat(client.mountBlob(b, blob.digest(), a.repository())).isTrue();
    assertThat(client.blobExists(b, blob.digest())).isTrue();
    assertThat(client.mountBlob(b, Digest.sha256(random(5, 6)), a.repository())).isFalse();
  }

  @Test
  void referrersFallBackToTheTagSchemaOnARegistryWithoutTheApi() throws Exception {
    ImageRef ref = fresh("img");
    PushBlob config = PushBlob.of("{}".getBytes(StandardCharsets.UTF_8));
    byte[] image = manifest(config, List.of());
    Digest subject = client.pushImage(ref, FetchManifest.OCI_MANIFEST, image, List.of(config));
    assertThat(client.referrers(ref, subject, null)).isEmpty();

    PushBlob empty = PushBlob.of("{}".getBytes(StandardCharsets.UTF_8));
    PushBlob payload = PushBlob.of("bundle".getBytes(StandardCharsets.UTF_8));
    client.pushBlob(ref, payload);
    String artifact = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.empty.v1+json\",\"size\":2,\"digest\":\"" + empty.digest() + "\"},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"size\":6,\"digest\":\"" + payload.digest() + "\"}],"
        + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":" + image.length
        + ",\"digest\":\"" + subject + "\"}}";
    Digest d = client.attachReferrer(ref, subject, FetchManifest.OCI_MANIFEST, artifact.getBytes(StandardCharsets.UTF_8),
        "application/vnd.dev.sigstore.bundle.v0.3+json", Map.of());
    client.attachReferrer(ref, subject, FetchManifest.OCI_MANIFEST, artifact.getBytes(StandardCharsets.UTF_8),
        "application/vnd.dev.sigstore.bundle.v0.3+json", Map.of());

    List<Referrer> found = client.referrers(ref, subject, "application/vnd.dev.sigstore.bundle.v0.3+json");
    assertThat(found).singleElement().satisfies(r -> assertThat(r.digest()).isEqualTo(d));
    assertThat(client.referrers(ref, subject, "application/spdx+json")).isEmpty();
    assertThat(client.listTags(ref)).contains(FetchReferrers.fallbackTag(subject));
  }
}
