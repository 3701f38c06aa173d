package io.drydock.rollout.analysis;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One completed measurement of a metric.
 *
 * @param value the measured value as text (null on error)
 * @param message why it errored or what it saw
 */
public record Measurement(AnalysisPhase phase, @Nullable String value, String message, Instant finishedAt) {
  public Measurement {
    if (!phase.completed()) {
      throw new IllegalArgumentException("a measurement is completed: " + phase);
    }
  }
}
