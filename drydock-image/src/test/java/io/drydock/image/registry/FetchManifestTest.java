package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FetchManifestTest {
  private static final byte[] BYTES = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\"}"
      .getBytes(StandardCharsets.UTF_8);
  private static final String RIGHT = Digest.sha256(BYTES).toString();
  private static final String WRONG = Digest.sha256(new byte[] {1}).toString();

  @ParameterizedTest(name = "header {0}, asked {1} -> {2}")
  @CsvSource(nullValues = "-", value = {
      "-, -, OK",
      "RIGHT, -, OK",
      "RIGHT, RIGHT, OK",
      "-, RIGHT, OK",
      "WRONG, -, INVALID_INPUT",
      "RIGHT, WRONG, INVALID_INPUT",
      "WRONG, RIGHT, INVALID_INPUT",
      "'md5:abc', -, INVALID_INPUT",
      "SHA512, -, OK",
  })
  void checksTheDigestOfTheBytes(String header, String asked, String outcome) {
    String h = subst(header);
    Digest a = asked == null ? null : Digest.parse(subst(asked));
    if (outcome.equals("OK")) {
      Digest d = FetchManifest.verify(BYTES, h, a, "pull manifest x");
      assertThat(d.hex()).isEqualTo(header != null && header.equals("SHA512")
          ? Digest.parse(h).hex() : Digest.sha256(BYTES).hex());
    } else {
      assertThatThrownBy(() -> FetchManifest.verify(BYTES, h, a, "pull manifest x"))
          .isInstanceOfSatisfying(DrydockException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.valueOf(outcome));
            assertThat(e.getMessage()).startsWith("Tried to pull manifest x but failed because: ");
          });
    }
  }

  private static String subst(String s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case "RIGHT" -> RIGHT;
      case "WRONG" -> WRONG;
      case "SHA512" -> Digest.of("sha512", Digest.parse("sha512:" + "0".repeat(128)).newMessageDigest().digest(BYTES)).toString();
      default -> s;
    };
  }

  @ParameterizedTest
  @CsvSource({
      "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.manifest.v1+json",
      "'application/vnd.docker.distribution.manifest.v2+json; charset=utf-8', application/vnd.docker.distribution.manifest.v2+json",
      "application/json, application/vnd.oci.image.index.v1+json",
      "'', application/vnd.oci.image.index.v1+json",
  })
  void takesTheMediaTypeFromTheHeaderOrTheBody(String contentType, String expected) {
    assertThat(FetchManifest.mediaType(contentType, BYTES)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "404, NAME_UNKNOWN, NOT_FOUND, repository x does not exist on h:1",
      "404, MANIFEST_UNKNOWN, NOT_FOUND, repository x on h:1 has no tag 'v9'",
      "404, -, NOT_FOUND, repository x on h:1 has no tag 'v9'",
      "401, UNAUTHORIZED, AUTH, the registry refused access (HTTP 401) (UNAUTHORIZED: m)",
      "503, -, UNREACHABLE, h:1 answered HTTP 503",
      "429, TOOMANYREQUESTS, UNREACHABLE, h:1 answered HTTP 429 (TOOMANYREQUESTS: m)",
      "400, MANIFEST_INVALID, INVALID_INPUT, h:1 answered HTTP 400 (MANIFEST_INVALID: m)",
  })
  void mapsRegistryAnswersToErrorKinds(int status, String code, ErrorKind kind, String reason) {
    Optional<RegistryErrors.RegistryError> error = code.equals("-") ? Optional.empty()
        : Optional.of(new RegistryErrors.RegistryError(code, "m"));
    DrydockException e = RegistryErrors.of(status, error, "pull manifest h:1/x:v9",
        FetchManifest.notFound("x", "v9", "h:1"), "x", "h:1");
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage()).isEqualTo("Tried to pull manifest h:1/x:v9 but failed because: " + reason);
  }

  @ParameterizedTest
  @CsvSource({
      "'{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}', MANIFEST_UNKNOWN",
      "'{\"errors\":[]}', -",
      "'<html>', -",
      "'', -",
  })
  void readsRegistryErrorBodies(String body, String code) {
    assertThat(RegistryErrors.parse(body.getBytes(StandardCharsets.UTF_8)).map(RegistryErrors.RegistryError::code))
        .isEqualTo(Optional.ofNullable(code.equals("-") ? null : code));
  }
}
