package io.drydock.policy.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;

/**
 * A sigstore bundle (v0.1–v0.3) as cosign attaches it to an image as an OCI 1.1 referrer: either a DSSE
 * envelope around an in-toto statement whose subject is the image digest ({@code cosign sign
 * --new-bundle-format} writes predicate {@code https://sigstore.dev/cosign/sign/v1}), or a message signature
 * over a digest. Checks the signature against a key and the subject against the image. Pure.
 */
public final class SigstoreBundle {
  public static final String MEDIA_TYPE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";
  public static final String INTOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The outcome for one bundle. */
  public enum Outcome { VERIFIED, BAD_SIGNATURE, OTHER_DIGEST, MALFORMED }

  private SigstoreBundle() {}

  /** DSSE's pre-authentication encoding: {@code DSSEv1 <len> <type> <len> <body>}. */
  public static byte[] pae(String payloadType, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  public static Outcome verify(byte[] bundle, PublicKey key, Digest image) {
    JsonNode root;
    try {
      root = JSON.readTree(bundle);
    } catch (IOException e) {
      return Outcome.MALFORMED;
    }
    if (root == null || !root.path("mediaType").asText("").startsWith("application/vnd.dev.sigstore.bundle")) {
      return Outcome.MALFORMED;
    }
    try {
      JsonNode dsse = root.path("dsseEnvelope");
      if (dsse.isObject()) {
        byte[] payload = Base64.getDecoder().decode(dsse.path("payload").asText(""));
        String type = dsse.path("payloadType").asText("");
        byte[] signed = pae(type, payload);
        boolean ok = false;
        for (JsonNode s : dsse.path("signatures")) {
          ok |= Ecdsa.verify(key, signed, s.path("sig").asText(""));
        }
        if (!ok) {
          return Outcome.BAD_SIGNATURE;
        }
        if (!type.equals(INTOTO_PAYLOAD_TYPE)) {
          return Outcome.MALFORMED;
        }
        JsonNode statement = JSON.readTree(payload);
        for (JsonNode subject : statement.path("subject")) {
          if (image.hex().equals(subject.path("digest").path(image.algorithm()).asText())) {
            return Outcome.VERIFIED;
          }
        }
        return Outcome.OTHER_DIGEST;
      }
      JsonNode message = root.path("messageSignature");
      if (message.isObject()) {
        byte[] digest = Base64.getDecoder().decode(message.path("messageDigest").path("digest").asText(""));
        byte[] sig = Base64.getDecoder().decode(message.path("signature").asText(""));
        // the signature is over the artifact itself, which for an image is its manifest; only the digest is kept
        if (!java.util.Arrays.equals(digest, java.util.HexFormat.of().parseHex(image.hex()))) {
          return Outcome.OTHER_DIGEST;
        }
        return verifyPrehashed(key, digest, sig) ? Outcome.VERIFIED : Outcome.BAD_SIGNATURE;
      }
      return Outcome.MALFORMED;
    } catch (IOException | IllegalArgumentException e) {
      return Outcome.MALFORMED;
    }
  }

  /** ECDSA verification of a SHA-256 digest computed elsewhere ("NONEwithECDSA" over the 32 bytes). */
  static boolean verifyPrehashed(PublicKey key, byte[] sha256, byte[] sig) {
    try {
      java.security.Signature s = java.security.Signature.getInstance("NONEwithECDSA");
      s.initVerify(key);
      s.update(sha256);
      return s.verify(sig);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }
}
