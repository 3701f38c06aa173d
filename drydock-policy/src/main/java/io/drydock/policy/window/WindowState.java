package io.drydock.policy.window;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Whether changes may ship now, and if not, why and when they next may. */
public sealed interface WindowState {

  /** Open now; {@code closes} is when the current opening ends (null when it never does within a year). */
  record Open(@Nullable Instant closes) implements WindowState {}

  /** Closed now; {@code nextOpening} null when no opening is found within a year. */
  record Closed(String why, @Nullable Instant nextOpening) implements WindowState {}
}
