package io.drydock.cli.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock keygen | sign | verify} as a user runs them: a separate JVM with COSIGN_PASSWORD in its
 * environment, against the shared test registry (an image copied from fixtures/alpine into a fresh repository).
 */
class SignCommandsIT {
  static final String REGISTRY = System.getenv().getOrDefault("DRYDOCK_TEST_REGISTRY", "127.0.0.1:5000");

  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  Run drydock(@Nullable String password, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.drydock.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().remove("COSIGN_PASSWORD");
    if (password != null) {
      pb.environment().put("COSIGN_PASSWORD", password);
    }
    pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    int code = pb.start().waitFor();
    return new Run(code, Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
  }

  /** fixtures/alpine:3.20.3 copied into a fresh repository (mounting its blobs), as an image nobody signed yet. */
  String freshImage() throws Exception {
    String repo = "drydock-it/cli-sign-" + UUID.randomUUID().toString().substring(0, 8);
    var options = io.drydock.image.ImageOptions.defaults(dir).withDockerConfigDir(dir.resolve("none"));
    try (var client = io.drydock.image.registry.RegistryClient.builder(options).environment(Map.of()).build()) {
      var source = io.drydock.model.ImageRef.parse(REGISTRY + "/fixtures/alpine:3.20.3");
      var target = io.drydock.model.ImageRef.parse(REGISTRY + "/" + repo + ":3.20.3");
      var m = client.fetchManifest(source, 1 << 20);
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.bytes());
      List<io.drydock.model.Digest> blobs = new ArrayList<>();
      blobs.add(io.drydock.model.Digest.parse(json.path("config").path("digest").asText()));
      json.path("layers").forEach(l -> blobs.add(io.drydock.model.Digest.parse(l.path("digest").asText())));
      for (var d : blobs) {
        assertThat(client.mountBlob(target, d, source.repository())).isTrue();
      }
      client.putManifest(target, m.mediaType(), m.bytes());
    }
    return REGISTRY + "/" + repo + ":3.20.3";
  }

  @Test
  void keygenSignVerifyAndEachFailureWithItsExitCode() throws Exception {
    Run keygen = drydock("pw", "keygen");
    assertThat(keygen.code()).as(keygen.err()).isZero();
    assertThat(Files.readString(dir.resolve("cosign.key"))).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----");
    assertThat(Files.readString(dir.resolve("cosign.pub"))).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(drydock("pw", "keygen").code()).isEqualTo(2); // never overwrites

    String image = freshImage();
    Run unsigned = drydock(null, "verify", image, "--key", "cosign.pub");
    assertThat(unsigned.code()).isEqualTo(10);
    assertThat(unsigned.err()).contains("has no signature").hasLineCount(1);

    Run wrongPass = drydock("nope", "sign", image, "--key", "cosign.key");
    assertThat(wrongPass.code()).isEqualTo(13);
    assertThat(wrongPass.err()).contains("passphrase").hasLineCount(1);

    Run sign = drydock("pw", "sign", image, "--key", "cosign.key");
    assertThat(sign.code()).as(sign.err()).isZero();
    assertThat(sign.out()).startsWith("Signed ").contains(".sig (1 signature)");

    Run verify = drydock(null, "verify", image, "--key", "cosign.pub");
    assertThat(verify.code()).as(verify.err()).isZero();
    assertThat(verify.out()).startsWith("Verified ").contains("1 of 1 signature verified");

    Files.writeString(dir.resolve("other.pub"), io.drydock.policy.sign.CosignKeys.generate(new byte[0],
        new java.security.SecureRandom()).publicPem());
    Run other = drydock(null, "verify", image, "--key", "other.pub");
    assertThat(other.code()).isEqualTo(11);
    assertThat(other.err()).contains("does not verify with other.pub").hasLineCount(1);

    Files.writeString(dir.resolve("corrupt.key"), "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nnot base64!\n"
        + "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
    Run corrupt = drydock("pw", "sign", image, "--key", "corrupt.key");
    assertThat(corrupt.code()).isEqualTo(3);
    assertThat(corrupt.err()).startsWith("drydock: Tried to read key corrupt.key but failed because: ").hasLineCount(1);
    Run missingKey = drydock(null, "verify", image, "--key", "nope.pub");
    assertThat(missingKey.code()).isEqualTo(4);
    assertThat(missingKey.err()).hasLineCount(1);
  }

  /** A key cosign generated (testdata/cosign, empty password) signs here, and verify accepts it. */
  @Test
  void signsWithAKeyCosignGenerated() throws Exception {
    Files.copy(Path.of("..", "testdata", "cosign", "cosign_generated_encrypted_empty_private.key").toAbsolutePath(),
        dir.resolve("cosign.key"));
    String image = freshImage();
    Run sign = drydock("", "sign", image, "--key", "cosign.key");
    assertThat(sign.code()).as(sign.err()).isZero();
    Run noPass = drydock(null, "sign", image, "--key", "cosign.key");
    assertThat(noPass.code()).isEqualTo(2);
    assertThat(noPass.err()).contains("COSIGN_PASSWORD").hasLineCount(1);
  }
}
