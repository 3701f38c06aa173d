package io.drydock.policy.sign;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305), as Go's {@code golang.org/x/crypto/nacl/secretbox} seals:
 * the first 32 bytes of the XSalsa20 key stream are the one-time Poly1305 key, the rest encrypts the message,
 * and the output is {@code tag(16) || ciphertext}. Built from BouncyCastle's engines; pure.
 */
final class SecretBox {
  static final int KEY_SIZE = 32;
  static final int NONCE_SIZE = 24;
  static final int TAG_SIZE = 16;

  private SecretBox() {}

  static byte[] seal(byte[] message, byte[] nonce, byte[] key) {
    XSalsa20Engine stream = stream(nonce, key);
    byte[] polyKey = new byte[32];
    stream.processBytes(new byte[32], 0, 32, polyKey, 0);
    byte[] out = new byte[TAG_SIZE + message.length];
    stream.processBytes(message, 0, message.length, out, TAG_SIZE);
    byte[] tag = mac(polyKey, out, TAG_SIZE, message.length);
    System.arraycopy(tag, 0, out, 0, TAG_SIZE);
    return out;
  }

  /** The message, or empty when the box does not authenticate under {@code key} (wrong key or tampered). */
  static Optional<byte[]> open(byte[] box, byte[] nonce, byte[] key) {
    if (box.length < TAG_SIZE) {
      return Optional.empty();
    }
    XSalsa20Engine stream = stream(nonce, key);
    byte[] polyKey = new byte[32];
    stream.processBytes(new byte[32], 0, 32, polyKey, 0);
    byte[] tag = mac(polyKey, box, TAG_SIZE, box.length - TAG_SIZE);
    if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(tag, Arrays.copyOf(box, TAG_SIZE))) {
      return Optional.empty();
    }
    byte[] message = new byte[box.length - TAG_SIZE];
    stream.processBytes(box, TAG_SIZE, message.length, message, 0);
    return Optional.of(message);
  }

  private static XSalsa20Engine stream(byte[] nonce, byte[] key) {
    if (nonce.length != NONCE_SIZE || key.length != KEY_SIZE) {
      throw new IllegalArgumentException("secretbox needs a 24-byte nonce and a 32-byte key");
    }
    XSalsa20Engine e = new XSalsa20Engine();
    e.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    return e;
  }

  private static byte[] mac(byte[] polyKey, byte[] data, int off, int len) {
    Poly1305 poly = new Poly1305();
    poly.init(new KeyParameter(polyKey));
    poly.update(data, off, len);
    byte[] tag = new byte[TAG_SIZE];
    poly.doFinal(tag, 0);
    return tag;
  }
}
