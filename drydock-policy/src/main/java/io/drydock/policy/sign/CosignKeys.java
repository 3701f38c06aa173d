package io.drydock.policy.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Cosign's key files. {@code cosign.key}: PEM {@code ENCRYPTED SIGSTORE PRIVATE KEY} (older cosign: {@code
 * ENCRYPTED COSIGN PRIVATE KEY}) around the JSON of go-securesystemslib's {@code encrypted} package — scrypt
 * (N=65536, r=8, p=1, 32-byte salt) derives the key of a NaCl secretbox (24-byte nonce) holding the PKCS#8 DER
 * of an ECDSA P-256 key. {@code cosign.pub}: PEM {@code PUBLIC KEY}, PKIX. Pure (the caller passes randomness).
 */
public final class CosignKeys {
  public static final String PRIVATE_PEM_TYPE = "ENCRYPTED SIGSTORE PRIVATE KEY";
  static final String LEGACY_PRIVATE_PEM_TYPE = "ENCRYPTED COSIGN PRIVATE KEY";
  public static final String PUBLIC_PEM_TYPE = "PUBLIC KEY";
  static final int SCRYPT_N = 65536;
  static final int SCRYPT_R = 8;
  static final int SCRYPT_P = 1;
  private static final int SALT_SIZE = 32;
  private static final int MAX_N = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A key pair as the two files cosign writes. */
  public record Files(String privatePem, String publicPem) {}

  private CosignKeys() {}

  /** A fresh ECDSA P-256 pair, the private half encrypted under {@code passphrase} (may be empty). */
  public static Files generate(byte[] passphrase, SecureRandom random) {
    KeyPair pair;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      pair = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no ECDSA P-256", e);
    }
    return new Files(Pem.encode(PRIVATE_PEM_TYPE, encrypt(pair.getPrivate().getEncoded(), passphrase, random, SCRYPT_N)),
        publicPem(pair.getPublic()));
  }

  public static String publicPem(PublicKey key) {
    return Pem.encode(PUBLIC_PEM_TYPE, key.getEncoded());
  }

  /** The securesystemslib JSON, byte for byte as Go's {@code json.Marshal} writes it. */
  static byte[] encrypt(byte[] plaintext, byte[] passphrase, SecureRandom random, int n) {
    byte[] salt = new byte[SALT_SIZE];
    random.nextBytes(salt);
    byte[] nonce = new byte[SecretBox.NONCE_SIZE];
    random.nextBytes(nonce);
    byte[] key = SCrypt.generate(passphrase, salt, n, SCRYPT_R, SCRYPT_P, SecretBox.KEY_SIZE);
    byte[] sealed = SecretBox.seal(plaintext, nonce, key);
    Base64.Encoder b64 = Base64.getEncoder();
    String json = "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":" + n + ",\"r\":" + SCRYPT_R + ",\"p\":" + SCRYPT_P
        + "},\"salt\":\"" + b64.encodeToString(salt) + "\"},\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\""
        + b64.encodeToString(nonce) + "\"},\"ciphertext\":\"" + b64.encodeToString(sealed) + "\"}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Opens the securesystemslib JSON; {@link SignFailure.Reason#WRONG_PASSPHRASE} when it does not authenticate. */
  static byte[] decrypt(byte[] json, byte[] passphrase, String file) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw malformed(file, "the encrypted key is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw malformed(file, "the encrypted key is not a JSON object");
    }
    JsonNode kdf = root.path("kdf");
    JsonNode cipher = root.path("cipher");
    if (!"scrypt".equals(kdf.path("name").asText()) || !"nacl/secretbox".equals(cipher.path("name").asText())) {
      throw malformed(file, "only scrypt with nacl/secretbox is supported (found " + kdf.path("name").asText("?") + " / "
          + cipher.path("name").asText("?") + ")");
    }
    JsonNode params = kdf.path("params");
    int n = params.path("N").asInt(-1);
    int r = params.path("r").asInt(-1);
    int p = params.path("p").asInt(-1);
    if (n < 2 || n > MAX_N || Integer.bitCount(n) != 1 || r < 1 || r > 32 || p < 1 || p > 16) {
      throw malformed(file, "scrypt parameters N=" + n + " r=" + r + " p=" + p + " are out of range");
    }
    byte[] salt = bytes(kdf, "salt", file);
    byte[] nonce = bytes(cipher, "nonce", file);
    byte[] box = bytes(root, "ciphertext", file);
    if (nonce.length != SecretBox.NONCE_SIZE) {
      throw malformed(file, "the nonce is " + nonce.length + " bytes, not 24");
    }
    byte[] key = SCrypt.generate(passphrase, salt, n, r, p, SecretBox.KEY_SIZE);
    Optional<byte[]> opened = SecretBox.open(box, nonce, key);
    if (opened.isEmpty()) {
      throw new SignFailure(SignFailure.Reason.WRONG_PASSPHRASE, "Tried to open private key " + file
          + " but failed because: the passphrase (COSIGN_PASSWORD) is wrong, or the file was changed");
    }
    return opened.get();
  }

  /** The ECDSA P-256 private key in {@code pem}, decrypted with {@code passphrase}. */
  public static PrivateKey loadPrivate(String pem, byte[] passphrase, String file) {
    Pem.Block block = Pem.decode(pem, file);
    if (!block.type().equals(PRIVATE_PEM_TYPE) && !block.type().equals(LEGACY_PRIVATE_PEM_TYPE)) {
      throw malformed(file, "expected a PEM block '" + PRIVATE_PEM_TYPE + "', found '" + block.type() + "'");
    }
    byte[] pkcs8 = decrypt(block.bytes(), passphrase, file);
    try {
      PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      checkP256((ECKey) key, file);
      return key;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw malformed(file, "the decrypted key is not a PKCS#8 ECDSA key (only ECDSA P-256 is supported)");
    }
  }

  /** The ECDSA P-256 public key in a PKIX {@code PUBLIC KEY} PEM. */
  public static PublicKey loadPublic(String pem, String file) {
    Pem.Block block = Pem.decode(pem, file);
    if (!block.type().equals(PUBLIC_PEM_TYPE)) {
      throw malformed(file, "expected a PEM block '" + PUBLIC_PEM_TYPE + "', found '" + block.type() + "'");
    }
    try {
      PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(block.bytes()));
      checkP256((ECKey) key, file);
      return key;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw malformed(file, "not a PKIX ECDSA public key (only ECDSA P-256 is supported)");
    }
  }

  private static void checkP256(ECKey key, String file) {
    if (key.getParams().getCurve().getField().getFieldSize() != 256) {
      throw malformed(file, "the key is not on P-256");
    }
  }

  private static byte[] bytes(JsonNode node, String field, String file) {
    JsonNode v = node.path(field);
    if (!v.isTextual()) {
      throw malformed(file, "the encrypted key has no '" + field + "'");
    }
    try {
      return Base64.getDecoder().decode(v.asText());
    } catch (IllegalArgumentException e) {
      throw malformed(file, "'" + field + "' is not base64");
    }
  }

  static SignFailure malformed(String file, String why) {
    return new SignFailure(SignFailure.Reason.MALFORMED, "Tried to read key " + file + " but failed because: " + why);
  }
}
