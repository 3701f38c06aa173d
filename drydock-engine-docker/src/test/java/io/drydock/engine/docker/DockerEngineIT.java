package io.drydock.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.rollout.spi.ContainerInfo;
import io.drydock.rollout.spi.ContainerSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real containers of the test app (scripts/testapp/build.sh) under Podman's Docker-compatible API. */
class DockerEngineIT {
  static final ImageRef APP_1 = ImageRef.parse("localhost/drydock-testapp:1");
  static final ImageRef APP_2 = ImageRef.parse("localhost/drydock-testapp:2");
  static DockerEngine engine;
  final String run = "drydock-it-" + UUID.randomUUID().toString().substring(0, 8);
  final List<String> created = new ArrayList<>();

  @BeforeAll
  static void connect() {
    String host = System.getenv("DOCKER_HOST");
    if (host == null || host.isBlank()) {
      fail("DOCKER_HOST is not set: run scripts/test-env.sh up and eval \"$(scripts/test-env.sh env)\"");
    }
    engine = DockerEngine.connect(host);
  }

  @AfterAll
  static void disconnect() {
    if (engine != null) {
      engine.close();
    }
  }

  @AfterEach
  void cleanUp() {
    created.forEach(engine::remove);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  ContainerSpec spec(String name, ImageRef image, Map<String, String> env) {
    return new ContainerSpec(run + "-" + name, image, env, List.of(), "host", List.of(), List.of(),
        Map.of("io.drydock.it", run, "io.drydock.role", name), null, null);
  }

  static String get(int port, String path) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    IOException last = null;
    for (int i = 0; i < 50; i++) {
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
      } catch (IOException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw last;
  }

  @Test
  void pullOfAPresentLocalImageReturnsItsDigestAndPinsBack() {
    Digest d1 = engine.pull(APP_1, Duration.ofSeconds(30));
    Digest d2 = engine.pull(APP_2, Duration.ofSeconds(30));
    assertThat(d1).isNotEqualTo(d2);
    // pinned by that digest, it resolves locally without a pull (localhost/ has no registry to pull from)
    assertThat(engine.pull(APP_1.withDigest(d1), Duration.ofSeconds(30))).isEqualTo(d1);
  }

  @Test
  void lifecycleOfTheTestAppOnHostNetwork() throws Exception {
    int port = freePort();
    Digest digest = engine.pull(APP_2, Duration.ofSeconds(30));
    String id = engine.create(new ContainerSpec(run + "-green", APP_2.withDigest(digest), Map.of("PORT", Integer.toString(port)),
        List.of(), "host", List.of(), List.of(), Map.of("io.drydock.it", run, "io.drydock.role", "green"),
        64L * 1024 * 1024, 500_000_000L));
    created.add(id);
    assertThat(engine.inspect(id)).hasValueSatisfying(i -> assertThat(i.state()).isEqualTo("created"));

    engine.start(id);
    assertThat(get(port, "/")).contains("\"version\":\"2\"");
    ContainerInfo info = engine.inspect(id).orElseThrow();
    assertThat(info.running()).isTrue();
    assertThat(info.name()).isEqualTo(run + "-green");
    assertThat(info.labels()).containsEntry("io.drydock.role", "green");
    assertThat(info.startedAt()).isNotBlank();
    assertThat(info.imageId()).isNotBlank();

    assertThat(engine.list(Map.of("io.drydock.it", run))).extracting(ContainerInfo::id).containsExactly(id);
    assertThat(engine.list(Map.of("io.drydock.it", run, "io.drydock.role", "blue"))).isEmpty();
    assertThat(engine.logs(id, 5)).contains("testapp: version 2 listening on 127.0.0.1:" + port);

    engine.stop(id, Duration.ofSeconds(5));
    ContainerInfo stopped = engine.inspect(id).orElseThrow();
    assertThat(stopped.state()).isEqualTo("exited");
    assertThat(stopped.exitCode()).as("graceful SIGTERM exit").isEqualTo(0);
    engine.stop(id, Duration.ofSeconds(1)); // already stopped: no error

    engine.remove(id);
    assertThat(engine.inspect(id)).isEmpty();
    engine.remove(id); // already gone: no error
  }

  @Test
  void containerThatExitsAtStartFailsWithItsLastLogLines() {
    String id = engine.create(spec("broken", APP_1, Map.of("BIND", "not-an-ip")));
    created.add(id);
    assertThatThrownBy(() -> engine.start(id))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining("Tried to start container " + run + "-broken but failed because: it exited with code 2")
        .hasMessageContaining("testapp: BIND not-an-ip is not an IPv4 address")
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  @Test
  void duplicateNameIsConflictAndMissingImageIsNotFound() {
    String id = engine.create(spec("dup", APP_1, Map.of()));
    created.add(id);
    assertThatThrownBy(() -> engine.create(spec("dup", APP_1, Map.of())))
        .isInstanceOf(DrydockException.class)
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.CONFLICT))
        .hasMessageStartingWith("Tried to create container " + run + "-dup");
    assertThatThrownBy(() -> engine.create(spec("none", ImageRef.parse("localhost/drydock-no-such-image:1"), Map.of())))
        .isInstanceOf(DrydockException.class)
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void missingContainerIsEmptyOrNotFound() {
    assertThat(engine.inspect("drydock-no-such-container")).isEmpty();
    assertThatThrownBy(() -> engine.stop("drydock-no-such-container", Duration.ofSeconds(1)))
        .isInstanceOf(DrydockException.class)
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void pullOfAnImageNoRegistryHasFails() {
    assertThatThrownBy(() -> engine.pull(ImageRef.parse("127.0.0.1:9/drydock/none:1"), Duration.ofSeconds(30)))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("Tried to pull 127.0.0.1:9/drydock/none:1 but failed because: ")
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isIn(ErrorKind.UNREACHABLE, ErrorKind.NOT_FOUND));
  }
}
