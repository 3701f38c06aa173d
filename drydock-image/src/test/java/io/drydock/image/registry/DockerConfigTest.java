package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DockerConfigTest {
  private static final String BOB = b64("bob:s3cr:et");
  private static final String CONFIG = """
      {
        "auths": {
          "https://index.docker.io/v1/": {"auth": "%s"},
          "127.0.0.1:5001": {"auth": "%s"},
          "http://legacy.example.com/v2/": {"username": "ann", "password": "pw"},
          "id.example.com": {"identitytoken": "refresh-me"},
          "tok.example.com": {"registrytoken": "abc"},
          "helper.example.com": {"auth": "%s"},
          "empty.example.com": {}
        },
        "credHelpers": {"helper.example.com": "test", "gcr.io": "gcloud"},
        "psFormat": "ignored"
      }
      """.formatted(BOB, BOB, BOB);

  static Stream<Arguments> lookups() {
    Credential bob = new Credential.UserPassword("bob", "s3cr:et");
    return Stream.of(
        Arguments.of(CONFIG, "docker.io", new DockerConfig.Source.Inline(bob)),
        Arguments.of(CONFIG, "index.docker.io", new DockerConfig.Source.Inline(bob)),
        Arguments.of(CONFIG, "127.0.0.1:5001", new DockerConfig.Source.Inline(bob)),
        Arguments.of(CONFIG, "127.0.0.1:5002", new DockerConfig.Source.None()),
        Arguments.of(CONFIG, "legacy.example.com", new DockerConfig.Source.Inline(new Credential.UserPassword("ann", "pw"))),
        Arguments.of(CONFIG, "id.example.com", new DockerConfig.Source.Inline(new Credential.IdentityToken("", "refresh-me"))),
        Arguments.of(CONFIG, "tok.example.com", new DockerConfig.Source.Inline(new Credential.RegistryToken("abc"))),
        Arguments.of(CONFIG, "helper.example.com", new DockerConfig.Source.Helper("test", "helper.example.com", bob)),
        Arguments.of(CONFIG, "GCR.io", new DockerConfig.Source.Helper("gcloud", "gcr.io", null)),
        Arguments.of(CONFIG, "empty.example.com", new DockerConfig.Source.None()),
        // credsStore applies to every host not in credHelpers; Docker Hub gets its historical server URL
        Arguments.of("{\"credsStore\":\"desktop\",\"auths\":{\"https://index.docker.io/v1/\":{}}}", "docker.io",
            new DockerConfig.Source.Helper("desktop", DockerConfig.DOCKER_HUB_SERVER_URL, null)),
        Arguments.of("{\"credsStore\":\"desktop\",\"credHelpers\":{\"q.io\":\"other\"}}", "q.io",
            new DockerConfig.Source.Helper("other", "q.io", null)),
        Arguments.of("{\"credsStore\":\"\"}", "q.io", new DockerConfig.Source.None()),
        Arguments.of("{}", "docker.io", new DockerConfig.Source.None()),
        Arguments.of("null", "docker.io", new DockerConfig.Source.None()));
  }

  @ParameterizedTest
  @MethodSource("lookups")
  void findsWhereCredentialsComeFrom(String json, String registry, DockerConfig.Source expected) {
    DockerConfig config = DockerConfig.parse(json.getBytes(StandardCharsets.UTF_8), "config.json");
    assertThat(config.lookup(registry)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "https://index.docker.io/v1/, docker.io",
      "index.docker.io, docker.io",
      "registry-1.docker.io, docker.io",
      "http://Registry.Example.com:5000/v2/, registry.example.com:5000",
      "127.0.0.1:5000, 127.0.0.1:5000",
      "'[::1]:5000', '[::1]:5000'",
  })
  void normalisesKeysAsTheDockerCliDoes(String key, String expected) {
    assertThat(DockerConfig.normalize(key)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{not json",
      "[1,2]",
      "{\"auths\":{\"h\":{\"auth\":\"***\"}}}",
      "{\"auths\":{\"h\":{\"auth\":\"Ym9i\"}}}",
      "{\"credHelpers\":{\"h\":\"../../bin/sh\"}}",
      "{\"credsStore\":\"a b\"}",
  })
  void rejectsMalformedConfigsNamingTheFile(String json) {
    assertThatThrownBy(() -> DockerConfig.parse(json.getBytes(StandardCharsets.UTF_8), "/home/u/.docker/config.json"))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
          assertThat(e.getMessage()).startsWith("Tried to read Docker config /home/u/.docker/config.json but failed because: ")
              .doesNotContain("\n");
        });
  }

  @ParameterizedTest
  @CsvSource({
      "'{\"Username\":\"bob\",\"Secret\":\"pw\",\"ServerURL\":\"h\"}', UserPassword[bob]",
      "'{\"Username\":\"<token>\",\"Secret\":\"rt\"}', IdentityToken[<token>]",
  })
  void parsesCredentialHelperAnswers(String output, String expected) {
    assertThat(CredentialHelper.parse(output, "x").toString()).isEqualTo(expected);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
