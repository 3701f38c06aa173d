package io.drydock.rollout.control;

import java.time.Duration;
import java.time.Instant;

/** The earlier of two times, and durations clamped at zero. */
final class Times {
  private Times() {}

  static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
