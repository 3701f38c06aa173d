package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against real components: the SBOM of the fixture images, read from Podman and from the registry,
 * against oracles that do not share our code (dpkg-query, the image's own apk database read by the image's own
 * busybox), and a multi-layer image that Podman builds in the test.
 */
class SbomIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String registry;

  @TempDir Path cache;

  @BeforeAll
  static void environment() {
    registry = System.getenv("DRYDOCK_TEST_REGISTRY");
    assertThat(System.getenv("DOCKER_HOST")).as("DOCKER_HOST unset: run scripts/test-env.sh up").isNotBlank();
    assertThat(registry).as("DRYDOCK_TEST_REGISTRY unset: run scripts/test-env.sh up").isNotBlank();
  }

  private JsonNode sbom(String image) throws IOException {
    Cli cli = Cli.run("sbom", "--cache-dir", cache.toString(), "--format", "json", image);
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    return JSON.readTree(cli.out());
  }

  @Test
  void debianPackagesEqualDpkgQueryOnTheImagesOwnStatusFile(@TempDir Path admin) throws Exception {
    Files.copy(Cli.testImage("debian-bookworm-minbase.dpkg-status"), admin.resolve("status"));
    Set<String> oracle = new TreeSet<>(run("dpkg-query", "--admindir=" + admin, "-W",
        "-f=${Package}\\t${Version}\\t${source:Package}\\t${source:Version}\\n"));
    assertThat(oracle).hasSize(88);
    for (String image : List.of("engine:localhost/fixtures/debian-dpkgdb:bookworm", registry + "/fixtures/debian-dpkgdb:bookworm")) {
      Set<String> ours = new TreeSet<>();
      for (JsonNode p : sbom(image).path("packages")) {
        ours.add(p.path("name").asText() + "\t" + p.path("version").asText() + "\t"
            + (p.path("sourceName").isNull() ? p.path("name").asText() : p.path("sourceName").asText()) + "\t"
            + (p.path("sourceVersion").isNull() ? p.path("version").asText() : p.path("sourceVersion").asText()));
      }
      assertThat(ours).as(image).isEqualTo(oracle);
    }
  }

  @Test
  void alpinePackagesEqualEveryRecordOfTheImagesInstalledDb() throws Exception {
    List<String> db = run("podman", "run", "--rm", "--network", "none", "localhost/fixtures/alpine:3.20.3",
        "cat", "/lib/apk/db/installed");
    Set<String> oracle = new TreeSet<>();
    String name = null;
    String origin = null;
    String version = null;
    for (String line : db) {
      if (line.startsWith("P:")) {
        name = line.substring(2);
      } else if (line.startsWith("V:")) {
        version = line.substring(2);
      } else if (line.startsWith("o:")) {
        origin = line.substring(2);
      } else if (line.isEmpty() && name != null) {
        oracle.add(name + " " + version + " " + origin);
        name = origin = version = null;
      }
    }
    if (name != null) {
      oracle.add(name + " " + version + " " + origin);
    }
    assertThat(oracle).hasSize(14);
    Set<String> ours = new TreeSet<>();
    for (JsonNode p : sbom(registry + "/fixtures/alpine:3.20.3").path("packages")) {
      ours.add(p.path("name").asText() + " " + p.path("version").asText() + " "
          + (p.path("sourceName").isNull() ? p.path("name").asText() : p.path("sourceName").asText()));
    }
    assertThat(ours).isEqualTo(oracle);
  }

  @Test
  void multiLayerImageBuiltByPodmanGivesTheTopViewAndOriginLayers(@TempDir Path context) throws Exception {
    // Layer 2 adds files, layer 3 deletes a base file and replaces a directory (opaque), layer 4 rewrites the apk
    // database (alpine-keys removed), layer 5 adds a setuid file, layer 6 registers one more package in the DB.
    Files.writeString(context.resolve("Containerfile"), String.join("\n",
        "FROM localhost/fixtures/alpine:3.20.3",
        "RUN mkdir -p /opt/app/cache && echo a > /opt/app/cache/a && echo b > /opt/app/cache/b",
        "RUN rm /etc/motd && rm -rf /opt/app/cache && mkdir /opt/app/cache && echo c > /opt/app/cache/c",
        "RUN apk del --no-network alpine-keys",
        "RUN cp /bin/busybox /usr/local/bin/suidbox && chmod 4755 /usr/local/bin/suidbox",
        "RUN printf 'P:drydock-late\\nV:1.0-r0\\nA:x86_64\\no:drydock-late\\n\\n' >> /lib/apk/db/installed",
        ""), StandardCharsets.UTF_8);
    String tag = "localhost/drydock-it/multilayer:" + ProcessHandle.current().pid();
    run("podman", "build", "--network", "none", "--format", "oci", "-t", tag, context.toString());
    try {
      JsonNode doc = sbom("engine:" + tag);
      JsonNode layers = doc.path("image").path("layers");
      assertThat(layers.size()).isEqualTo(6);
      List<String> names = new ArrayList<>();
      for (JsonNode p : doc.path("packages")) {
        String name = p.path("name").asText();
        names.add(name);
        int origin = name.equals("drydock-late") ? 5 : 0;
        assertThat(p.path("layer").asText()).as(name + " comes from layer " + (origin + 1))
            .isEqualTo(layers.get(origin).path("diffId").asText());
      }
      assertThat(names).hasSize(14).doesNotContain("alpine-keys").contains("apk-tools", "musl", "drydock-late");

      Cli inspect = Cli.run("inspect", "--cache-dir", cache.toString(), "--format", "json", "engine:" + tag);
      assertThat(inspect.exitCode()).as(inspect.err()).isZero();
      assertThat(JSON.readTree(inspect.out()).path("setuid").toString()).contains("/usr/local/bin/suidbox");
    } finally {
      run("podman", "rmi", "-f", tag);
    }
  }

  private static List<String> run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    return new String(out, StandardCharsets.UTF_8).lines().toList();
  }
}
