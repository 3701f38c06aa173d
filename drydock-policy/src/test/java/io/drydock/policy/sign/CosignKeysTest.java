package io.drydock.policy.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.junit.jupiter.api.Test;

/** cosign's key files both ways: keys cosign wrote open here, and ours have cosign's exact structure. */
class CosignKeysTest {
  static final Path TESTDATA = Path.of("..", "testdata", "cosign");
  private static final byte[] NONE = new byte[0];

  static String read(String name) throws Exception {
    return Files.readString(TESTDATA.resolve(name));
  }

  /** The public half of {@code key}, computed with BouncyCastle's curve arithmetic. */
  static PublicKey publicOf(PrivateKey key) throws Exception {
    ECPrivateKey ec = (ECPrivateKey) key;
    var q = ECNamedCurveTable.getParameterSpec("secp256r1").getG().multiply(ec.getS()).normalize();
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
        new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), ec.getParams()));
  }

  @Test
  void opensAKeyThatCosignGeneratedWithAnEmptyPassword() throws Exception {
    PrivateKey key = CosignKeys.loadPrivate(read("cosign_generated_encrypted_empty_private.key"), NONE, "cosign.key");
    assertThat(key.getAlgorithm()).isEqualTo("EC");
    byte[] msg = "hello".getBytes(StandardCharsets.UTF_8);
    assertThat(Ecdsa.verify(publicOf(key), msg, Ecdsa.sign(key, msg))).isTrue();
  }

  @Test
  void opensTheOlderCosignPemTypeWithItsPassword() throws Exception {
    PrivateKey key = CosignKeys.loadPrivate(read("ecdsa_encrypted_private.key"), "123".getBytes(StandardCharsets.UTF_8), "k");
    assertThat(((ECPrivateKey) key).getS()).isPositive();
  }

  @Test
  void aWrongPassphraseIsItsOwnFailure() throws Exception {
    String pem = read("ecdsa_encrypted_private.key");
    assertThatThrownBy(() -> CosignKeys.loadPrivate(pem, "1234".getBytes(StandardCharsets.UTF_8), "cosign.key"))
        .isInstanceOfSatisfying(SignFailure.class, e -> {
          assertThat(e.reason()).isEqualTo(SignFailure.Reason.WRONG_PASSPHRASE);
          assertThat(e.exitCode()).isEqualTo(13);
          assertThat(e.getMessage()).doesNotContain("\n").contains("COSIGN_PASSWORD");
        });
  }

  @Test
  void corruptKeyFilesAreMalformedWithOneLine() throws Exception {
    String good = read("cosign_generated_encrypted_empty_private.key");
    String truncated = good.substring(0, good.length() / 2);
    String notJson = CosignKeys.PRIVATE_PEM_TYPE.isEmpty() ? "" : Pem.encode(CosignKeys.PRIVATE_PEM_TYPE, "garbage".getBytes());
    String hugeN = Pem.encode(CosignKeys.PRIVATE_PEM_TYPE, ("{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":1073741824,\"r\":8,\"p\":1},"
        + "\"salt\":\"AA==\"},\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"AA==\"},\"ciphertext\":\"AA==\"}").getBytes());
    String pub = read("busybox.pub");
    for (String bad : List.of("", "hello", truncated, notJson, hugeN, pub, good.replace("eyJr", "!!!!"))) {
      assertThatThrownBy(() -> CosignKeys.loadPrivate(bad, NONE, "cosign.key"))
          .isInstanceOfSatisfying(SignFailure.class, e -> {
            assertThat(e.reason()).isEqualTo(SignFailure.Reason.MALFORMED);
            assertThat(e.exitCode()).isEqualTo(3);
            assertThat(e.getMessage()).startsWith("Tried to read key cosign.key but failed because: ").doesNotContain("\n");
          });
    }
    assertThatThrownBy(() -> CosignKeys.loadPublic(good, "cosign.pub")).isInstanceOf(SignFailure.class);
  }

  @Test
  void generatedKeysHaveCosignsPemAndJsonShapeAndRoundTrip() throws Exception {
    byte[] pass = "s3cret".getBytes(StandardCharsets.UTF_8);
    CosignKeys.Files files = CosignKeys.generate(pass, new SecureRandom());
    assertThat(files.privatePem()).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n")
        .endsWith("\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
    assertThat(files.publicPem()).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("\n-----END PUBLIC KEY-----\n");
    for (String line : files.privatePem().split("\n")) {
      assertThat(line.length()).isLessThanOrEqualTo(64);
    }
    String json = new String(Pem.decode(files.privatePem(), "k").bytes(), StandardCharsets.UTF_8);
    String cosigns = new String(Pem.decode(read("cosign_generated_encrypted_empty_private.key"), "k").bytes(), StandardCharsets.UTF_8);
    // same keys in the same order, same parameters; only salt, nonce and ciphertext differ
    String shape = "\\{\"kdf\":\\{\"name\":\"scrypt\",\"params\":\\{\"N\":65536,\"r\":8,\"p\":1\\},\"salt\":\"[A-Za-z0-9+/=]{44}\"\\},"
        + "\"cipher\":\\{\"name\":\"nacl/secretbox\",\"nonce\":\"[A-Za-z0-9+/=]{32}\"\\},\"ciphertext\":\"[A-Za-z0-9+/=]+\"\\}";
    assertThat(json).matches(shape);
    assertThat(cosigns).matches(shape);
    PrivateKey key = CosignKeys.loadPrivate(files.privatePem(), pass, "cosign.key");
    PublicKey pub = CosignKeys.loadPublic(files.publicPem(), "cosign.pub");
    byte[] msg = {1, 2, 3};
    assertThat(Ecdsa.verify(pub, msg, Ecdsa.sign(key, msg))).isTrue();
    assertThat(publicOf(key)).isEqualTo(pub);
    assertThat(new ObjectMapper().readTree(json).path("kdf").path("params").path("N").asInt()).isEqualTo(65536);
  }

  @Test
  void emptyPassphraseRoundTrips() {
    CosignKeys.Files files = CosignKeys.generate(NONE, new SecureRandom());
    assertThat(CosignKeys.loadPrivate(files.privatePem(), NONE, "k")).isNotNull();
  }

  @Test
  void secretBoxRejectsATamperedBox() {
    byte[] key = new byte[32];
    byte[] nonce = new byte[24];
    byte[] box = SecretBox.seal("message".getBytes(StandardCharsets.UTF_8), nonce, key);
    assertThat(box).hasSize(16 + 7);
    assertThat(SecretBox.open(box, nonce, key)).hasValueSatisfying(m -> assertThat(new String(m, StandardCharsets.UTF_8)).isEqualTo("message"));
    box[20] ^= 1;
    assertThat(SecretBox.open(box, nonce, key)).isEmpty();
    assertThat(Base64.getEncoder().encodeToString(new BigInteger("1").toByteArray())).isEqualTo("AQ==");
  }
}
