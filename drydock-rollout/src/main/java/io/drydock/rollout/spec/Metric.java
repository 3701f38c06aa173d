package io.drydock.rollout.spec;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One measurement source with its thresholds, with Argo Rollouts' semantics: a measurement is Successful,
 * Failed, Inconclusive or Error; the metric fails when failures exceed {@code failureLimit}, is inconclusive
 * when inconclusive measurements exceed {@code inconclusiveLimit}, and errors when consecutive errors exceed
 * {@code consecutiveErrorLimit}.
 *
 * @param interval time between measurements; null = one measurement (when count is null too)
 * @param count measurements to take; null = 1 without interval, unbounded with one
 */
public record Metric(
    String name,
    MetricProvider provider,
    @Nullable Duration interval,
    @Nullable Integer count,
    @Nullable Condition successCondition,
    @Nullable Condition failureCondition,
    int failureLimit,
    int inconclusiveLimit,
    int consecutiveErrorLimit,
    Duration initialDelay) {

  /** Argo's default for {@code consecutiveErrorLimit}. */
  public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

  public Metric {
    if (name.isBlank()) {
      throw new IllegalArgumentException("metric name must not be empty");
    }
    if (count != null && (count < 1 || count > 10_000)) {
      throw new IllegalArgumentException("count must be 1..10000");
    }
    if (failureLimit < 0 || inconclusiveLimit < 0 || consecutiveErrorLimit < 0) {
      throw new IllegalArgumentException("failureLimit, inconclusiveLimit and consecutiveErrorLimit must be >= 0");
    }
  }

  /** A metric measured once with default limits. */
  public static Metric once(String name, MetricProvider provider, @Nullable Condition success) {
    return new Metric(name, provider, null, null, success, null, 0, 0, DEFAULT_CONSECUTIVE_ERROR_LIMIT, Duration.ZERO);
  }

  /** Argo's EffectiveCount: count, else 1 when there is no interval, else unbounded (null). */
  public @Nullable Integer effectiveCount() {
    if (count != null) {
      return count;
    }
    return interval == null ? 1 : null;
  }
}
