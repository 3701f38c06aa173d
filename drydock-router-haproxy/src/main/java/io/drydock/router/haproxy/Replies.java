package io.drydock.router.haproxy;

import io.drydock.model.DrydockException;
import java.util.Set;

/** Tells HAProxy's success answers from its error answers (the Runtime API has no status codes). */
final class Replies {
  static final int MAX_QUOTE = 300;

  private Replies() {}

  /**
   * Returns normally when {@code reply}, stripped, is one of {@code ok}; otherwise throws INVALID_INPUT quoting
   * HAProxy's answer on one line.
   */
  static void expect(String command, String reply, Set<String> ok) {
    String text = reply.strip();
    if (!ok.contains(text)) {
      throw DrydockException.invalidInput("Tried to run HAProxy command `" + command + "` but failed because: HAProxy answered: "
          + quote(text));
    }
  }

  static String quote(String text) {
    String line = text.isEmpty() ? "(nothing)" : text.replaceAll("\\s*[\\r\\n]+\\s*", " / ");
    return line.length() > MAX_QUOTE ? line.substring(0, MAX_QUOTE) + "…" : line;
  }
}
