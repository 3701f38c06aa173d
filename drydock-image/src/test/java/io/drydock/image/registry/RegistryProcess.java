package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * A real CNCF distribution registry ({@code docker-registry serve}) on a free 127.0.0.1 port with a generated
 * config, for one test class; plus pushing with skopeo and raw HTTP for what skopeo cannot do.
 */
final class RegistryProcess implements AutoCloseable {
  static final String ALPINE_DIGEST = "sha256:4d6295e60169ca90e6054a05e77399a9efb8051b5caf97a4b19325f054e0a54e";
  private final Process process;
  private final int port;
  private final Path dir;

  private RegistryProcess(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts a registry whose {@code auth:} section is {@code authYaml} (empty for none). */
  static RegistryProcess start(Path dir, String authYaml) throws IOException, InterruptedException {
    String binary = requireBinary("docker-registry");
    int port = freePort();
    Path config = dir.resolve("registry.yml");
    Files.writeString(config, """
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: %s
          delete:
            enabled: true
        http:
          addr: 127.0.0.1:%d
          secret: drydock-test-secret
        %s
        """.formatted(dir.resolve("data"), port, authYaml));
    Process p = new ProcessBuilder(binary, "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    RegistryProcess registry = new RegistryProcess(p, port, dir);
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        fail("docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return registry;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    registry.close();
    throw new AssertionError("docker-registry did not listen on " + port + ": " + Files.readString(dir.resolve("registry.log")));
  }

  static String htpasswdYaml(Path dir, String user, String password) throws IOException {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    Path file = dir.resolve("htpasswd");
    Files.writeString(file, user + ":" + OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 5) + "\n");
    return """
        auth:
          htpasswd:
            realm: drydock-test
            path: %s
        """.formatted(file);
  }

  String authority() {
    return "127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** {@code skopeo copy} of the alpine fixture to {@code repo:tag}, with {@code user:password} when not null. */
  void pushAlpine(String repoAndTag, String creds) throws IOException, InterruptedException {
    String skopeo = requireBinary("skopeo");
    Path archive = Path.of(resource("registry/alpine-3.20.3.oci.tar"));
    List<String> cmd = new ArrayList<>(List.of(skopeo, "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false"));
    if (creds != null) {
      cmd.add("--dest-creds");
      cmd.add(creds);
    } else {
      cmd.add("--dest-no-creds");
    }
    cmd.add("oci-archive:" + archive + ":3.20.3");
    cmd.add("docker://" + authority() + "/" + repoAndTag);
    Path log = dir.resolve("skopeo.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .directory(dir.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("skopeo copy timed out");
    }
    if (p.exitValue() != 0) {
      fail("skopeo copy failed: " + Files.readString(log));
    }
  }

  /** Uploads a blob monolithically (anonymous registry only). */
  void putBlob(String repo, byte[] content, String digest) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create("http://" + authority() + "/v2/" + repo + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    if (start.statusCode() != 202) {
      fail("blob upload start answered " + start.statusCode() + ": " + start.body());
    }
    URI location = URI.create("http://" + authority() + "/").resolve(start.headers().firstValue("Location").orElseThrow());
    URI put = URI.create(location + (location.getQuery() == null ? "?" : "&") + "digest=" + digest);
    HttpResponse<String> done = http.send(HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
    if (done.statusCode() != 201) {
      fail("blob upload answered " + done.statusCode() + ": " + done.body());
    }
  }

  /** PUTs a manifest or index under {@code reference} (anonymous registry only). */
  void putManifest(String repo, String reference, String mediaType, byte[] bytes) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + authority() + "/v2/" + repo + "/manifests/" + reference))
            .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 201) {
      fail("manifest PUT answered " + r.statusCode() + ": " + r.body());
    }
  }

  static String requireBinary(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new AssertionError(name + " is not installed: run scripts/test-env.sh up");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  static String resource(String name) {
    try {
      return Path.of(RegistryProcess.class.getClassLoader().getResource(name).toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Duration timeout() {
    return Duration.ofSeconds(20);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
