package io.drydock.policy.sign;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** ECDSA P-256 with SHA-256, ASN.1 DER signatures, as cosign signs: the JDK's provider. */
final class Ecdsa {
  private Ecdsa() {}

  static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ECDSA signing failed", e);
    }
  }

  /** Whether {@code signatureBase64} is {@code key}'s signature of {@code message}; false for malformed input. */
  static boolean verify(PublicKey key, byte[] message, String signatureBase64) {
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(signatureBase64.trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return verify(key, message, sig);
  }

  static boolean verify(PublicKey key, byte[] message, byte[] sig) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initVerify(key);
      s.update(message);
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false; // a malformed DER signature is a signature that does not verify
    }
  }
}
