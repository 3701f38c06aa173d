package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.image.ImageOptions;
import io.drydock.image.RawManifest;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against tiny fake registries on 127.0.0.1: behaviour a real registry will not show on demand. */
class FakeRegistryTest {
  private static final byte[] MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
      .getBytes(StandardCharsets.UTF_8);
  private static final Digest MANIFEST_DIGEST = Digest.sha256(MANIFEST);
  private final List<Duration> slept = new ArrayList<>();

  @TempDir
  Path tmp;

  private RegistryClient client(Map<String, String> env) {
    return RegistryClient.builder(ImageOptions.defaults(tmp).withDockerConfigDir(tmp).withInsecure(false))
        .environment(env)
        .retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(30)), slept::add)
        .build();
  }

  private RegistryClient client() {
    return client(Map.of());
  }

  @Test
  void refusesAManifestWhoseDockerContentDigestDoesNotMatchItsBytes() throws Exception {
    try (FakeServer server = new FakeServer(ex -> {
      if (ex.getRequestURI().getPath().equals("/v2/")) {
        FakeServer.respond(ex, 200, Map.of(), new byte[0]);
      } else {
        FakeServer.respond(ex, 200, Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json",
            "Docker-Content-Digest", Digest.sha256(new byte[] {42}).toString()), MANIFEST);
      }
    }); RegistryClient client = client()) {
      ImageRef ref = ImageRef.parse(server.authority() + "/x:1");
      assertThatThrownBy(() -> client.fetchManifest(ref, 1 << 20))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(e.getMessage()).startsWith("Tried to pull manifest " + server.authority() + "/x:1 but failed because: ")
                .contains("Docker-Content-Digest");
          });
    }
  }

  @Test
  void sendsTheAcceptedMediaTypesAndReturnsTheVerifiedManifest() throws Exception {
    try (FakeServer server = new FakeServer(ex -> FakeServer.respond(ex, 200,
        Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json", "Docker-Content-Digest", MANIFEST_DIGEST.toString()),
        ex.getRequestURI().getPath().equals("/v2/") ? new byte[0] : MANIFEST));
        RegistryClient client = client()) {
      RawManifest m = client.fetchManifest(ImageRef.parse(server.authority() + "/x:1"), 1 << 20);
      assertThat(m.digest()).isEqualTo(MANIFEST_DIGEST);
      assertThat(m.mediaType()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
      assertThat(m.bytes()).isEqualTo(MANIFEST);
      assertThat(server.requests.get(1).accept()).contains(FetchManifest.OCI_INDEX, FetchManifest.OCI_MANIFEST,
          FetchManifest.DOCKER_LIST, FetchManifest.DOCKER_MANIFEST);
    }
  }

  @Test
  void refusesAManifestOverTheCapWithoutReadingIt() throws Exception {
    try (FakeServer server = new FakeServer(ex -> FakeServer.respond(ex, 200, Map.of(),
        ex.getRequestURI().getPath().equals("/v2/") ? new byte[0] : new byte[5000]));
        RegistryClient client = client()) {
      assertThatThrownBy(() -> client.fetchManifest(ImageRef.parse(server.authority() + "/x:1"), 4096))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
            assertThat(e.getMessage()).contains("over the limit of 4096 bytes");
          });
    }
  }

  @Test
  void retries503HonouringRetryAfterThenSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (FakeServer server = new FakeServer(ex -> {
      if (ex.getRequestURI().getPath().equals("/v2/")) {
        FakeServer.respond(ex, 200, Map.of(), new byte[0]);
      } else if (calls.incrementAndGet() < 3) {
        FakeServer.respond(ex, calls.get() == 1 ? 503 : 429, Map.of("Retry-After", "2"), new byte[0]);
      } else {
        FakeServer.respond(ex, 200, Map.of("Docker-Content-Digest", MANIFEST_DIGEST.toString()), new byte[0]);
      }
    }); RegistryClient client = client()) {
      assertThat(client.headDigest(ImageRef.parse(server.authority() + "/x:1"))).isEqualTo(MANIFEST_DIGEST);
      assertThat(calls.get()).isEqualTo(3);
      assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }
  }

  @Test
  void givesUpAfterBoundedAttemptsWithUnreachable() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (FakeServer server = new FakeServer(ex -> {
      if (ex.getRequestURI().getPath().equals("/v2/")) {
        FakeServer.respond(ex, 200, Map.of(), new byte[0]);
      } else {
        calls.incrementAndGet();
        FakeServer.respond(ex, 502, Map.of(), new byte[0]);
      }
    }); RegistryClient client = client()) {
      assertThatThrownBy(() -> client.fetchManifest(ImageRef.parse(server.authority() + "/x:1"), 1024))
          .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE));
      assertThat(calls.get()).isEqualTo(3);
    }
  }

  @Test
  void followsABlobRedirectToAnotherHostWithoutTheRegistryCredentials() throws Exception {
    byte[] blob = "layer bytes".getBytes(StandardCharsets.UTF_8);
    Files.writeString(tmp.resolve("config.json"), "{\"auths\":{\"127.0.0.1\":{}}}");
    try (FakeServer storage = new FakeServer(ex -> FakeServer.respond(ex, 200, Map.of(), blob))) {
      try (FakeServer registry = new FakeServer(ex -> {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null) {
          FakeServer.respond(ex, 401, Map.of("WWW-Authenticate", "Basic realm=\"r\""), new byte[0]);
        } else if (ex.getRequestURI().getPath().equals("/v2/")) {
          FakeServer.respond(ex, 200, Map.of(), new byte[0]);
        } else {
          FakeServer.respond(ex, 307, Map.of("Location", "https://" + storage.authority() + "/bucket/blob?sig=1"), new byte[0]);
        }
      })) {
        Files.writeString(tmp.resolve("config.json"), "{\"auths\":{\"" + registry.authority() + "\":{\"auth\":\""
            + Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8)) + "\"}}}");
        try (RegistryClient client = client(); InputStream in = client.openBlob(ImageRef.parse(registry.authority() + "/x"),
            Digest.sha256(blob))) {
          assertThat(in.readAllBytes()).isEqualTo(blob);
        }
        assertThat(registry.requests.get(registry.requests.size() - 1).authorization()).startsWith("Basic ");
        assertThat(storage.requests).hasSize(1);
        assertThat(storage.requests.get(0).uri()).isEqualTo("/bucket/blob?sig=1");
        assertThat(storage.requests.get(0).authorization()).isNull();
      }
    }
  }

  @Test
  void followsTagPagesAlongTheLinkHeader() throws Exception {
    try (FakeServer server = new FakeServer(ex -> {
      String q = ex.getRequestURI().getRawQuery();
      if (ex.getRequestURI().getPath().equals("/v2/")) {
        FakeServer.respond(ex, 200, Map.of(), new byte[0]);
      } else if (q.equals("n=2")) {
        FakeServer.respond(ex, 200, Map.of("Link", "</v2/x/tags/list?n=2&last=b>; rel=\"next\""),
            "{\"name\":\"x\",\"tags\":[\"a\",\"b\"]}".getBytes(StandardCharsets.UTF_8));
      } else if (q.equals("n=2&last=b")) {
        FakeServer.respond(ex, 200, Map.of(), "{\"name\":\"x\",\"tags\":[\"c\"]}".getBytes(StandardCharsets.UTF_8));
      } else {
        FakeServer.respond(ex, 400, Map.of(), new byte[0]);
      }
    }); RegistryClient client = client()) {
      assertThat(client.listTags(ImageRef.parse(server.authority() + "/x"), 2)).containsExactly("a", "b", "c");
    }
  }

  @Test
  void stopsAPaginationLoop() throws Exception {
    try (FakeServer server = new FakeServer(ex -> FakeServer.respond(ex, 200,
        Map.of("Link", "</v2/x/tags/list?n=2>; rel=\"next\""), "{\"tags\":[\"a\"]}".getBytes(StandardCharsets.UTF_8)));
        RegistryClient client = client()) {
      assertThatThrownBy(() -> client.listTags(ImageRef.parse(server.authority() + "/x"), 2))
          .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    }
  }

  @Test
  void cachesTheBearerTokenPerScopeUntilItExpires() throws Exception {
    AtomicInteger tokens = new AtomicInteger();
    try (FakeServer auth = new FakeServer(ex -> {
      tokens.incrementAndGet();
      FakeServer.respond(ex, 200, Map.of(), ("{\"token\":\"t" + tokens.get() + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8));
    })) {
      try (FakeServer server = new FakeServer(ex -> {
        if (!("Bearer t1".equals(ex.getRequestHeaders().getFirst("Authorization")))) {
          FakeServer.respond(ex, 401, Map.of("WWW-Authenticate",
              "Bearer realm=\"https://" + auth.authority() + "/token\",service=\"fake\""), new byte[0]);
        } else {
          FakeServer.respond(ex, 200, Map.of("Docker-Content-Digest", MANIFEST_DIGEST.toString()), new byte[0]);
        }
      }); RegistryClient client = client()) {
        ImageRef ref = ImageRef.parse(server.authority() + "/x:1");
        client.headDigest(ref);
        client.headDigest(ref);
        assertThat(client.manifestExists(ref)).isTrue();
        assertThat(tokens.get()).isEqualTo(1);
        assertThat(auth.requests.get(0).uri()).isEqualTo("/token?service=fake&scope=repository%3Ax%3Apull");
        assertThat(auth.requests.get(0).authorization()).isNull();
      }
    }
  }

  @Test
  void aDeadPortIsUnreachableAfterRetries() throws Exception {
    int port;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (RegistryClient client = client()) {
      assertThatThrownBy(() -> client.fetchManifest(ImageRef.parse("127.0.0.1:" + port + "/x:1"), 1024))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE);
            assertThat(e.getMessage()).isEqualTo("Tried to pull manifest 127.0.0.1:" + port
                + "/x:1 but failed because: cannot connect to http://127.0.0.1:" + port + " (connection refused)");
          });
      assertThat(slept).hasSize(4); // 2 retries on https, 2 on http
    }
  }

  @Test
  void anInterruptedCallerGetsInterruptedIoAndKeepsTheFlag() throws Exception {
    try (FakeServer server = new FakeServer(ex -> FakeServer.respond(ex, 200, Map.of(), new byte[0]));
        RegistryClient client = client()) {
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> client.ping(server.authority())).isInstanceOf(InterruptedIOException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    }
  }

  @Test
  void aMissingCredentialHelperIsAClearAuthError() throws Exception {
    Files.writeString(tmp.resolve("config.json"), "{\"credsStore\":\"nosuch\"}");
    try (FakeServer server = new FakeServer(ex -> FakeServer.respond(ex, 401,
        Map.of("WWW-Authenticate", "Basic realm=\"r\""), new byte[0]));
        RegistryClient client = client(Map.of("PATH", tmp.toString()))) {
      assertThatThrownBy(() -> client.fetchManifest(ImageRef.parse(server.authority() + "/x:1"), 1024))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
            assertThat(e.getMessage()).isEqualTo("Tried to get credentials for " + server.authority()
                + " from docker-credential-nosuch but failed because: docker-credential-nosuch is not on PATH"
                + " (named by credHelpers/credsStore in the Docker config)");
          });
    }
  }

  @Test
  void noCredentialsForAProtectedRegistryIsAuth() throws Exception {
    try (FakeServer server = new FakeServer(ex -> FakeServer.respond(ex, 401,
        Map.of("WWW-Authenticate", "Basic realm=\"r\""), new byte[0]));
        RegistryClient client = client()) {
      assertThatThrownBy(() -> client.listTags(ImageRef.parse(server.authority() + "/x")))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
            assertThat(e.getMessage()).contains("requires credentials and none were found for " + server.authority());
          });
    }
  }
}
