package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.image.ImageOptions;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials from a {@code docker-credential-*} program found on the PATH given to the client. */
class CredentialHelperIT {
  @TempDir
  static Path dir;
  static RegistryProcess registry;
  static Path bin;

  @BeforeAll
  static void start() throws Exception {
    registry = RegistryProcess.start(dir, RegistryProcess.htpasswdYaml(dir, "carol", "helper-pw"));
    registry.pushAlpine("team/app:2", "carol:helper-pw");
    bin = Files.createDirectories(dir.resolve("bin"));
    script("docker-credential-test", """
        #!/bin/sh
        read -r server
        echo "$1 $server" >> "%s"
        if [ "$1" = get ] && [ "$server" = "%s" ]; then
          printf '{"ServerURL":"%%s","Username":"carol","Secret":"helper-pw"}' "$server"
        else
          echo "credentials not found in native keychain"
          exit 1
        fi
        """.formatted(dir.resolve("calls.log"), registry.authority()));
    script("docker-credential-broken", """
        #!/bin/sh
        echo "keychain is locked" >&2
        exit 3
        """);
  }

  private static void script(String name, String body) throws Exception {
    Path p = bin.resolve(name);
    Files.writeString(p, body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  private RegistryClient client(String name, String configJson) throws Exception {
    Path configDir = Files.createDirectories(dir.resolve(name));
    Files.writeString(configDir.resolve("config.json"), configJson);
    return RegistryClient.builder(new ImageOptions(null, false, configDir, null, dir, RegistryProcess.timeout()))
        .environment(Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", dir.toString())).build();
  }

  @Test
  void pullsWithTheCredentialsTheHelperGives() throws Exception {
    Path log = dir.resolve("calls.log");
    int before = Files.exists(log) ? Files.readAllLines(log).size() : 0;
    try (RegistryClient client = client("helpers", "{\"credHelpers\":{\"" + registry.authority() + "\":\"test\"}}")) {
      assertThat(client.headDigest(ImageRef.parse(registry.authority() + "/team/app:2")))
          .hasToString(RegistryProcess.ALPINE_DIGEST);
      assertThat(client.fetchManifest(ImageRef.parse(registry.authority() + "/team/app:2"), 1 << 20).digest())
          .hasToString(RegistryProcess.ALPINE_DIGEST);
    }
    // asked once per client, with the registry host on stdin
    assertThat(Files.readAllLines(log).subList(before, Files.readAllLines(log).size()))
        .containsExactly("get " + registry.authority());
  }

  @Test
  void usesCredsStoreForHostsWithoutAHelper() throws Exception {
    try (RegistryClient client = client("store", "{\"credsStore\":\"test\"}")) {
      assertThat(client.listTags(ImageRef.parse(registry.authority() + "/team/app"))).containsExactly("2");
    }
  }

  @Test
  void aFailingHelperIsAuthWithItsMessage() throws Exception {
    try (RegistryClient client = client("broken", "{\"credHelpers\":{\"" + registry.authority() + "\":\"broken\"}}")) {
      assertThatThrownBy(() -> client.fetchManifest(ImageRef.parse(registry.authority() + "/team/app:2"), 1 << 20))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
            assertThat(e.getMessage()).isEqualTo("Tried to get credentials for " + registry.authority()
                + " from docker-credential-broken but failed because: it exited with status 3 (keychain is locked)");
          });
    }
  }

  @Test
  void aMissingHelperIsAuthSayingSo() throws Exception {
    try (RegistryClient client = client("missing", "{\"credHelpers\":{\"" + registry.authority() + "\":\"absent\"}}")) {
      assertThatThrownBy(() -> client.fetchManifest(ImageRef.parse(registry.authority() + "/team/app:2"), 1 << 20))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
            assertThat(e.getMessage()).contains("docker-credential-absent is not on PATH");
          });
    }
  }
}
