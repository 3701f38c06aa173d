package io.drydock.image.registry;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.OptionalLong;

/** Bounded reading of response bodies: nothing is read without a cap. */
final class Bodies {
  private Bodies() {}

  /**
   * Reads the whole body, refusing (INVALID_INPUT) more than {@code max} bytes — by {@code Content-Length}
   * before reading when the registry sends one. Closes the body.
   */
  static byte[] readCapped(HttpResponse<InputStream> response, long max, String action, String what) throws IOException {
    try (InputStream in = response.body()) {
      OptionalLong length = response.headers().firstValueAsLong("Content-Length");
      if (length.isPresent() && length.getAsLong() > max) {
        throw tooLarge(action, what, length.getAsLong() + " bytes", max);
      }
      int limit = (int) Math.min(max, Integer.MAX_VALUE - 16);
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw tooLarge(action, what, "more than " + limit + " bytes", max);
      }
      return bytes;
    } catch (NumberFormatException e) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the registry sent a malformed Content-Length");
    }
  }

  /** Reads at most {@code max} bytes for a diagnostic (error bodies), silently truncating; closes the body. */
  static byte[] readPrefix(HttpResponse<InputStream> response, int max) {
    try (InputStream in = response.body()) {
      return in.readNBytes(max);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  static void discard(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException e) {
      // nothing left to release
    }
  }

  private static DrydockException tooLarge(String action, String what, String size, long max) {
    return Http.failure(ErrorKind.INVALID_INPUT, action, "the " + what + " is " + size + ", over the limit of " + max + " bytes");
  }
}
