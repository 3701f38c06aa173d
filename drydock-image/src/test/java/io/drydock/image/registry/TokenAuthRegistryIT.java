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

/** Against a real distribution registry with Docker token auth, tokens signed by a test token service. */
class TokenAuthRegistryIT {
  @TempDir
  static Path dir;
  static TokenServer tokens;
  static RegistryProcess registry;

  @BeforeAll
  static void start() throws Exception {
    TestCerts certs = TestCerts.generate("drydock-test-token-signer");
    Files.writeString(dir.resolve("root.pem"), certs.certificatePem());
    tokens = new TokenServer(certs, "bob", "s3cret");
    registry = RegistryProcess.start(dir, """
        auth:
          token:
            realm: %s
            service: %s
            issuer: %s
            rootcertbundle: %s
        """.formatted(tokens.realm(), TokenServer.SERVICE, TokenServer.ISSUER, dir.resolve("root.pem")));
    registry.pushAlpine("team/x:1", "bob:s3cret");
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  private RegistryClient client(String name, String user, String password) throws Exception {
    Path configDir = Files.createDirectories(dir.resolve(name));
    String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Files.writeString(configDir.resolve("config.json"),
        "{\"auths\":{\"" + registry.authority() + "\":{\"auth\":\"" + auth + "\"}}}");
    return RegistryClient.builder(new ImageOptions(null, false, configDir, null, dir, RegistryProcess.timeout()))
        .environment(Map.of()).build();
  }

  @Test
  void pullsWithABearerTokenCachedPerScope() throws Exception {
    try (RegistryClient client = client("good", "bob", "s3cret")) {
      ImageRef ref = ImageRef.parse(registry.authority() + "/team/x:1");
      int before = tokens.issued.get();
      assertThat(client.fetchManifest(ref, 1 << 20).digest()).hasToString(RegistryProcess.ALPINE_DIGEST);
      assertThat(client.headDigest(ref)).hasToString(RegistryProcess.ALPINE_DIGEST);
      assertThat(client.listTags(ref)).containsExactly("1");
      assertThat(client.manifestExists(ref.withTag("2"))).isFalse();
      assertThat(tokens.issued.get() - before).isEqualTo(1);
    }
  }

  @Test
  void aWrongPasswordIsAuthNamingTheUser() throws Exception {
    try (RegistryClient client = client("wrong", "bob", "nope")) {
      assertThatThrownBy(() -> client.fetchManifest(ImageRef.parse(registry.authority() + "/team/x:1"), 1 << 20))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
            assertThat(e.getMessage()).isEqualTo("Tried to pull manifest " + registry.authority()
                + "/team/x:1 but failed because: the registry refused the credentials for user 'bob'");
          });
    }
  }

  @Test
  void anonymousTokensWithoutAccessAreAuth() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("anon"));
    try (RegistryClient client = RegistryClient.builder(new ImageOptions(null, false, empty, null, dir,
        RegistryProcess.timeout())).environment(Map.of()).build()) {
      assertThatThrownBy(() -> client.headDigest(ImageRef.parse(registry.authority() + "/team/x:1")))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
            assertThat(e.getMessage()).contains("requires credentials and none were found");
          });
    }
  }
}
