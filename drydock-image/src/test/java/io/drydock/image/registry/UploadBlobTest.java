package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.image.ImageOptions;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunked upload resume and the write path's digest checks, against a fake registry that misbehaves on demand. */
class UploadBlobTest {
  @TempDir
  Path tmp;

  private RegistryClient client() {
    return RegistryClient.builder(ImageOptions.defaults(tmp).withDockerConfigDir(tmp).withInsecure(false))
        .environment(Map.of())
        .retry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(30)), d -> {})
        .build();
  }

  @Test
  void rangeHeadersTable() {
    assertThat(UploadBlob.received(null)).isZero();
    assertThat(UploadBlob.received("0-0")).isEqualTo(1);
    assertThat(UploadBlob.received("0-4095")).isEqualTo(4096);
    assertThat(UploadBlob.received("bytes=0-99")).isEqualTo(100);
    assertThatThrownBy(() -> UploadBlob.received("5-9")).isInstanceOf(DrydockException.class);
  }

  /** The registry keeps half of the second chunk and then fails it: the client resumes from the byte it has. */
  @Test
  void resumesAChunkedUploadFromTheOffsetTheRegistryReports() throws Exception {
    byte[] blob = new byte[10_000];
    new Random(7).nextBytes(blob);
    Digest digest = Digest.sha256(blob);
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    AtomicInteger patches = new AtomicInteger();
    List<String> ranges = new ArrayList<>();
    try (FakeServer server = new FakeServer(ex -> {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (path.equals("/v2/")) {
        FakeServer.respond(ex, 200, Map.of(), new byte[0]);
      } else if (method.equals("POST")) {
        FakeServer.respond(ex, 202, Map.of("Location", "/v2/x/blobs/uploads/u1"), new byte[0]);
      } else if (method.equals("PATCH")) {
        byte[] body = ex.getRequestBody().readAllBytes();
        String range = ex.getRequestHeaders().getFirst("Content-Range");
        ranges.add(range);
        long start = Long.parseLong(range.substring(0, range.indexOf('-')));
        if (start != stored.size()) {
          FakeServer.respond(ex, 416, Map.of(), new byte[0]);
          return;
        }
        if (patches.incrementAndGet() == 2) {
          stored.write(body, 0, body.length / 2);
          FakeServer.respond(ex, 500, Map.of(), new byte[0]);
          return;
        }
        stored.write(body, 0, body.length);
        FakeServer.respond(ex, 202, Map.of("Location", "/v2/x/blobs/uploads/u1", "Range", "0-" + (stored.size() - 1)), new byte[0]);
      } else if (method.equals("GET")) {
        FakeServer.respond(ex, 204, Map.of("Location", "/v2/x/blobs/uploads/u1", "Range", "0-" + (stored.size() - 1)), new byte[0]);
      } else if (method.equals("PUT")) {
        boolean ok = ex.getRequestURI().getQuery().equals("digest=" + digest)
            && Digest.sha256(stored.toByteArray()).equals(digest);
        FakeServer.respond(ex, ok ? 201 : 400, Map.of("Docker-Content-Digest", digest.toString()), new byte[0]);
      } else {
        FakeServer.respond(ex, 405, Map.of(), new byte[0]);
      }
    }); RegistryClient client = client()) {
      int resumes = client.pushBlob(ImageRef.parse(server.authority() + "/x"), PushBlob.of(blob), 4000);
      assertThat(resumes).isEqualTo(1);
      assertThat(stored.toByteArray()).isEqualTo(blob);
      assertThat(ranges).containsExactly("0-3999", "4000-7999", "4000-7999", "6000-9999");
    }
  }

  @Test
  void refusesAManifestThatTheRegistryStoredUnderAnotherDigest() throws Exception {
    try (FakeServer server = new FakeServer(ex -> {
      ex.getRequestBody().readAllBytes();
      FakeServer.respond(ex, ex.getRequestURI().getPath().equals("/v2/") ? 200 : 201,
          Map.of("Docker-Content-Digest", Digest.sha256(new byte[] {1}).toString()), new byte[0]);
    }); RegistryClient client = client()) {
      assertThatThrownBy(() -> client.putManifest(ImageRef.parse(server.authority() + "/x:t"),
          FetchManifest.OCI_MANIFEST, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(e.getMessage()).contains("stored the manifest as");
          });
    }
  }

  @Test
  void listsReferrersFromTheReferrersApiWhenTheRegistryHasIt() throws Exception {
    Digest subject = Digest.sha256(new byte[] {9});
    Digest ref = Digest.sha256(new byte[] {10});
    String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
        + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + ref + "\",\"size\":12,"
        + "\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"},"
        + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + subject + "\",\"size\":3,"
        + "\"artifactType\":\"application/spdx+json\"}]}";
    try (FakeServer server = new FakeServer(ex -> FakeServer.respond(ex, 200,
        Map.of("Content-Type", "application/vnd.oci.image.index.v1+json"),
        ex.getRequestURI().getPath().equals("/v2/x/referrers/" + subject) ? index.getBytes() : new byte[0]));
        RegistryClient client = client()) {
      List<Referrer> all = client.referrers(ImageRef.parse(server.authority() + "/x"), subject,
          "application/vnd.dev.sigstore.bundle.v0.3+json");
      assertThat(all).singleElement().satisfies(r -> {
        assertThat(r.digest()).isEqualTo(ref);
        assertThat(r.size()).isEqualTo(12);
      });
      assertThat(server.requests).anyMatch(r -> r.uri().contains("artifactType=application%2Fvnd.dev.sigstore.bundle.v0.3%2Bjson"));
    }
  }
}
