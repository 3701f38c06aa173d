package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.image.ImageOptions;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real distribution registry with htpasswd (bcrypt) Basic auth; credentials from config.json. */
class BasicAuthRegistryIT {
  @TempDir
  static Path dir;
  static RegistryProcess registry;

  @BeforeAll
  static void start() throws Exception {
    registry = RegistryProcess.start(dir, RegistryProcess.htpasswdYaml(dir, "bob", "s3cret"));
    registry.pushAlpine("x:1", "bob:s3cret");
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
  }

  private RegistryClient clientWithConfig(String name, String configJson) throws Exception {
    Path configDir = Files.createDirectories(dir.resolve(name));
    Files.writeString(configDir.resolve("config.json"), configJson);
    return RegistryClient.builder(new ImageOptions(null, false, null, null, dir, RegistryProcess.timeout()))
        .environment(Map.of("DOCKER_CONFIG", configDir.toString(), "HOME", dir.toString())).build();
  }

  private static String auth(String user, String password) {
    return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pullsWithTheCredentialsOfConfigJson() throws Exception {
    try (RegistryClient client = clientWithConfig("good",
        "{\"auths\":{\"" + registry.authority() + "\":{\"auth\":\"" + auth("bob", "s3cret") + "\"}}}")) {
      ImageRef ref = ImageRef.parse(registry.authority() + "/x:1");
      assertThat(client.fetchManifest(ref, 1 << 20).digest()).hasToString(RegistryProcess.ALPINE_DIGEST);
      assertThat(client.headDigest(ref)).hasToString(RegistryProcess.ALPINE_DIGEST);
      assertThat(client.listTags(ref)).containsExactly("1");
    }
  }

  @Test
  void aWrongPasswordIsAuthNamingTheUser() throws Exception {
    try (RegistryClient client = clientWithConfig("wrong",
        "{\"auths\":{\"http://" + registry.authority() + "/v2/\":{\"auth\":\"" + auth("bob", "guess") + "\"}}}")) {
      assertThatThrownBy(() -> client.fetchManifest(ImageRef.parse(registry.authority() + "/x:1"), 1 << 20))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
            assertThat(e.getMessage()).isEqualTo("Tried to pull manifest " + registry.authority()
                + "/x:1 but failed because: the registry refused the credentials for user 'bob'");
          });
    }
  }

  @Test
  void noCredentialsIsAuthSayingWhereItLooked() throws Exception {
    try (RegistryClient client = clientWithConfig("none", "{}")) {
      assertThatThrownBy(() -> client.headDigest(ImageRef.parse(registry.authority() + "/x:1")))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
            assertThat(e.getMessage()).contains("requires credentials and none were found for " + registry.authority())
                .contains(dir.resolve("none").resolve("config.json").toString());
          });
    }
  }
}
