package io.drydock.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:9f86d0…}. Only sha256 and sha512 are accepted. */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

  public Digest {
    int expected = switch (algorithm) {
      case "sha256" -> 64;
      case "sha512" -> 128;
      default -> throw new IllegalArgumentException("unsupported digest algorithm '" + algorithm + "' (sha256 or sha512)");
    };
    if (hex.length() != expected || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("malformed " + algorithm + " digest '" + hex + "': expected " + expected + " lower-case hex digits");
    }
  }

  /** Parses {@code algorithm:hex}. */
  public static Digest parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("malformed digest '" + text + "': expected algorithm:hex");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  public static Digest sha256(byte[] content) {
    return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(content)));
  }

  /** Wraps a finished {@link MessageDigest} of the given algorithm. */
  public static Digest of(String algorithm, byte[] digestBytes) {
    return new Digest(algorithm, HexFormat.of().formatHex(digestBytes));
  }

  /** A fresh {@link MessageDigest} for this digest's algorithm, to verify content against it. */
  public MessageDigest newMessageDigest() {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first 12 hex digits, as container tools print short ids. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public int compareTo(Digest o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
