package io.drydock.cli.refs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.drydock.cli.Main;
import io.drydock.model.Digest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drydock refs / refs lint / pin / outdated end to end against the real registry of scripts/test-env.sh, in a
 * repository unique to this run, with tags pushed by skopeo and a multi-arch index PUT over HTTP.
 */
class RefsCommandsIT {
  private static final String ACCEPT = "application/vnd.oci.image.index.v1+json,application/vnd.oci.image.manifest.v1+json,"
      + "application/vnd.docker.distribution.manifest.list.v2+json,application/vnd.docker.distribution.manifest.v2+json";
  private static final List<String> TAGS = List.of("1.25.3-alpine3.19", "1.25.4-alpine3.19", "1.26.0-alpine3.19",
      "1.25.4-alpine3.20", "2.0.0-alpine3.19", "latest");
  static String registry;
  static String repo;
  static Digest alpineDigest;
  static Digest indexDigest;

  @TempDir
  Path dir;

  @BeforeAll
  static void pushTags() throws Exception {
    registry = System.getenv("DRYDOCK_TEST_REGISTRY");
    if (registry == null || registry.isBlank()) {
      fail("DRYDOCK_TEST_REGISTRY is not set: run scripts/test-env.sh up and eval \"$(scripts/test-env.sh env)\"");
    }
    repo = "refs-it/" + UUID.randomUUID().toString().substring(0, 8) + "/nginx";
    for (String tag : TAGS) {
      copy("fixtures/alpine:3.20.3", repo + ":" + tag);
    }
    copy("fixtures/whiteout:1", repo + ":other");
    alpineDigest = head(repo, "1.25.3-alpine3.19");
    Digest other = head(repo, "other");
    // a multi-arch index over the two manifests already in the repository
    String index = """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
         {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,"platform":{"architecture":"amd64","os":"linux"}},
         {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,"platform":{"architecture":"arm64","os":"linux"}}]}
        """.formatted(alpineDigest, size(repo, alpineDigest), other, size(repo, other));
    byte[] bytes = index.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://" + registry + "/v2/" + repo + "/manifests/multi-1.0"))
        .header("Content-Type", "application/vnd.oci.image.index.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    indexDigest = Digest.sha256(bytes);
    assertThat(head(repo, "multi-1.0")).isEqualTo(indexDigest);
  }

  private Path project() throws IOException {
    String img = registry + "/" + repo;
    Files.writeString(dir.resolve("Dockerfile"), """
        # build
        FROM %1$s:1.25.3-alpine3.19 AS build
        RUN apk add --no-cache gcc
        FROM %1$s:multi-1.0
        COPY --from=build /x /x
        USER 65534
        """.formatted(img));
    Files.writeString(dir.resolve("compose.yaml"), "services:\r\n  web:\r\n    image: \"" + img
        + ":latest\"  # mutable\r\n  api:\r\n    image: " + img + ":1.26.0-alpine3.19\r\n");
    Files.writeString(dir.resolve("values.yaml"), "image:\n  repository: " + img + "\n  tag: 1.25.4-alpine3.20\n"
        + "  digest: \"\"\n");
    return dir;
  }

  @Test
  void refsListsEveryReferenceWithLineAndColumn() throws Exception {
    Run r = run("refs", "--format", "json", project().toString());
    assertThat(r.code).as(r.err).isZero();
    JsonNode arr = new ObjectMapper().readTree(r.out).path("references");
    List<String> got = new ArrayList<>();
    arr.forEach(n -> got.add(Path.of(n.path("file").asText()).getFileName() + ":" + n.path("line").asInt() + ":"
        + n.path("column").asInt() + " " + n.path("kind").asText() + " " + n.path("tag").asText()));
    assertThat(got).containsExactly(
        "Dockerfile:2:6 dockerfile_from 1.25.3-alpine3.19",
        "Dockerfile:4:6 dockerfile_from multi-1.0",
        "compose.yaml:3:12 compose latest",
        "compose.yaml:5:12 compose 1.26.0-alpine3.19",
        "values.yaml:3:8 helm 1.25.4-alpine3.20");
  }

  @Test
  void lintFindsMutableTagsAndMissingDigestsInSarif() throws Exception {
    Path out = dir.resolve("report.sarif");
    Run r = run("refs", "lint", "--format", "sarif", "--output", out.toString(), "--exit-code", "5",
        "--allowed-registries", registry, project().toString());
    assertThat(r.code).as(r.err).isEqualTo(5);
    JsonNode sarif = new ObjectMapper().readTree(Files.readString(out));
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    List<String> got = new ArrayList<>();
    sarif.path("runs").get(0).path("results").forEach(n -> got.add(n.path("ruleId").asText() + "@"
        + n.path("locations").get(0).path("physicalLocation").path("region").path("startLine").asInt()));
    // multi-1.0 is not a version tag: mutable (DD001), like latest
    assertThat(got).containsExactlyInAnyOrder("DD002@2", "DD001@4", "DD001@3", "DD002@5", "DD002@3");
    Run other = run("refs", "lint", "--allowed-registries", "ghcr.io", project().toString());
    assertThat(other.code).isZero();
    assertThat(other.out).contains("DD003 registry-not-allowed");
  }

  @Test
  void pinWritesTagAtDigestKeepingEveryOtherByteAndCheckFollows() throws Exception {
    Path p = project();
    String dockerBefore = Files.readString(p.resolve("Dockerfile"));
    Run check = run("pin", "--check", p.toString());
    assertThat(check.code).isEqualTo(1);
    assertThat(check.out).contains("5 of 5 references are not pinned");

    Run dry = run("pin", "--dry-run", p.toString());
    assertThat(dry.code).as(dry.err).isZero();
    assertThat(dry.out).contains("-FROM " + registry + "/" + repo + ":1.25.3-alpine3.19 AS build")
        .contains("+FROM " + registry + "/" + repo + ":1.25.3-alpine3.19@" + alpineDigest + " AS build");
    assertThat(Files.readString(p.resolve("Dockerfile"))).isEqualTo(dockerBefore);

    Run pin = run("pin", p.toString());
    assertThat(pin.code).as(pin.err).isZero();
    assertThat(pin.out).contains("pinned 5 references in 3 files");
    String img = registry + "/" + repo;
    assertThat(Files.readString(p.resolve("Dockerfile"))).isEqualTo(dockerBefore
        .replace(":1.25.3-alpine3.19 AS", ":1.25.3-alpine3.19@" + alpineDigest + " AS")
        .replace(":multi-1.0\n", ":multi-1.0@" + indexDigest + "\n"));
    assertThat(Files.readString(p.resolve("compose.yaml"))).isEqualTo("services:\r\n  web:\r\n    image: \"" + img
        + ":latest@" + alpineDigest + "\"  # mutable\r\n  api:\r\n    image: " + img + ":1.26.0-alpine3.19@" + alpineDigest + "\r\n");
    assertThat(Files.readString(p.resolve("values.yaml"))).isEqualTo("image:\n  repository: " + img
        + "\n  tag: 1.25.4-alpine3.20\n  digest: \"" + alpineDigest + "\"\n");
    try (var s = Files.list(p)) {
      assertThat(s.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("Dockerfile", "compose.yaml", "values.yaml");
    }
    assertThat(run("pin", "--check", p.toString()).code).isZero();
  }

  @Test
  void checkFailsWhenTheTagMovedAndOutdatedSaysSo() throws Exception {
    String moving = repo + "-moving";
    copy("fixtures/alpine:3.20.3", moving + ":1.0.0");
    copy("fixtures/alpine:3.20.3", moving + ":1.0.1");
    Path f = dir.resolve("compose.yaml");
    Files.writeString(f, "services:\n  a:\n    image: " + registry + "/" + moving + ":1.0.0\n");
    assertThat(run("pin", f.toString()).code).isZero();
    assertThat(run("pin", "--check", f.toString()).code).isZero();
    copy("fixtures/whiteout:1", moving + ":1.0.0");
    Run check = run("pin", "--check", f.toString());
    assertThat(check.code).isEqualTo(1);
    assertThat(check.out).contains("stale: tag now points at " + head(moving, "1.0.0"));
    Run outdated = run("outdated", "--format", "json", f.toString());
    JsonNode o = new ObjectMapper().readTree(outdated.out).get(0);
    assertThat(o.path("digestChanged").asBoolean()).isTrue();
    assertThat(o.path("candidates").get(0).path("tag").asText()).isEqualTo("1.0.1");
  }

  @Test
  void outdatedStaysInTheVariantLineAndApplyPins() throws Exception {
    Path f = dir.resolve("Dockerfile");
    String img = registry + "/" + repo;
    Files.writeString(f, "FROM " + img + ":1.25.3-alpine3.19\nUSER 1\n");
    Run r = run("outdated", "--format", "json", f.toString());
    assertThat(r.code).as(r.err).isZero();
    JsonNode cands = new ObjectMapper().readTree(r.out).get(0).path("candidates");
    List<String> tags = new ArrayList<>();
    cands.forEach(c -> tags.add(c.path("tag").asText() + "/" + c.path("type").asText()));
    assertThat(tags).containsExactly("1.25.4-alpine3.19/patch", "1.26.0-alpine3.19/minor");
    Run major = run("outdated", "--format", "json", "--allow-major", img + ":1.25.3-alpine3.19");
    assertThat(major.out).contains("2.0.0-alpine3.19").doesNotContain("alpine3.20");
    Run table = run("outdated", "--exit-code", "7", f.toString());
    assertThat(table.code).isEqualTo(7);
    assertThat(table.out).contains("1.25.4-alpine3.19").contains("patch");

    Run apply = run("outdated", "--apply", f.toString());
    assertThat(apply.code).as(apply.err).isZero();
    assertThat(Files.readString(f)).isEqualTo("FROM " + img + ":1.25.4-alpine3.19@" + alpineDigest + "\nUSER 1\n");
  }

  @Test
  void anUnreachableRegistryLeavesEveryFileAsItWas() throws Exception {
    Path p = project();
    int dead;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      dead = s.getLocalPort();
    }
    Path z = p.resolve("zz-compose.yaml");
    Files.writeString(z, "services:\n  x:\n    image: 127.0.0.1:" + dead + "/x/y:1.0\n");
    List<String> before = contents(p);
    Run r = run("pin", "--timeout", "5", p.toString());
    assertThat(r.code).isEqualTo(6);
    assertThat(r.err).startsWith("drydock: Tried to ").contains("127.0.0.1:" + dead).doesNotContain("\tat ");
    assertThat(contents(p)).isEqualTo(before);
  }

  @Test
  void anAuthFailureLeavesEveryFileAsItWas() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"drydock-it\"");
      ex.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
      ex.sendResponseHeaders(401, -1);
      ex.close();
    });
    server.start();
    try {
      Path p = project();
      Files.writeString(p.resolve("zz-compose.yaml"), "services:\n  x:\n    image: 127.0.0.1:"
          + server.getAddress().getPort() + "/private/app:1.0\n");
      List<String> before = contents(p);
      Run r = run("pin", "--timeout", "5", p.toString());
      assertThat(r.code).as(r.out + r.err).isEqualTo(5);
      assertThat(r.err).startsWith("drydock: Tried to ");
      assertThat(contents(p)).isEqualTo(before);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void badYamlIsInvalidInputWithFileAndLine() throws Exception {
    Path f = dir.resolve("values.yaml");
    Files.writeString(f, "image:\n  repository: x\n  tag: [1.0\n");
    Run r = run("pin", f.toString());
    assertThat(r.code).isEqualTo(3);
    assertThat(r.err).contains(f + ":4:1:");
  }

  // --- helpers ---

  private static List<String> contents(Path d) throws IOException {
    List<String> out = new ArrayList<>();
    try (var s = Files.list(d)) {
      for (Path f : s.sorted().toList()) {
        out.add(f.getFileName() + "=" + Files.readString(f));
      }
    }
    return out;
  }

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), new PrintWriter(err, true));
    return new Run(code, out.toString(java.nio.charset.StandardCharsets.UTF_8), err.toString());
  }

  static void copy(String from, String to) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("skopeo", "--insecure-policy", "copy", "--quiet", "--src-tls-verify=false",
        "--dest-tls-verify=false", "docker://" + registry + "/" + from, "docker://" + registry + "/" + to)
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail("skopeo copy " + from + " " + to + " failed (run scripts/test-env.sh up): " + log);
    }
  }

  static Digest head(String repository, String reference) throws IOException, InterruptedException {
    HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + reference))
        .header("Accept", ACCEPT).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).isEqualTo(200);
    return Digest.parse(r.headers().firstValue("Docker-Content-Digest").orElseThrow());
  }

  static long size(String repository, Digest digest) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + digest)).header("Accept", ACCEPT).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return r.body().length;
  }
}
