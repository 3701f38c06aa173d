package io.drydock.policy.window;

import java.time.LocalDateTime;

/** A dated freeze in the schedule's time zone, from {@code from} (inclusive) to {@code to} (exclusive). */
public record Freeze(LocalDateTime from, LocalDateTime to, String reason) {
  public Freeze {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("freeze '" + reason + "' ends (" + to + ") before it starts (" + from + ")");
    }
  }
}
