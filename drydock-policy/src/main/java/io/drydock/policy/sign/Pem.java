package io.drydock.policy.sign;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM as Go's {@code encoding/pem} writes it: 64-column base64 lines, {@code \n} line ends. Pure. */
final class Pem {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);

  record Block(String type, byte[] bytes) {}

  private Pem() {}

  static String encode(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /** The first PEM block of {@code text}. */
  static Block decode(String text, String file) {
    Matcher m = BLOCK.matcher(text);
    if (!m.find()) {
      throw CosignKeys.malformed(file, "no PEM block found");
    }
    String body = m.group(2);
    if (body.contains(":")) {
      throw CosignKeys.malformed(file, "PEM headers are not supported");
    }
    try {
      return new Block(m.group(1), Base64.getDecoder().decode(body.replaceAll("\\s", "")));
    } catch (IllegalArgumentException e) {
      throw CosignKeys.malformed(file, "the PEM body is not base64");
    }
  }
}
