package io.drydock.store.report;

import java.time.Duration;
import java.util.List;

/**
 * Mean and nearest-rank percentiles of durations (pure).
 *
 * @param count samples
 */
public record Stats(int count, Duration mean, Duration p50, Duration p90) {
  public static final Stats EMPTY = new Stats(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public static Stats of(List<Duration> samples) {
    if (samples.isEmpty()) {
      return EMPTY;
    }
    long[] ms = samples.stream().mapToLong(Duration::toMillis).sorted().toArray();
    long sum = 0;
    for (long v : ms) {
      sum += v;
    }
    return new Stats(ms.length, Duration.ofMillis(sum / ms.length), Duration.ofMillis(rank(ms, 50)), Duration.ofMillis(rank(ms, 90)));
  }

  /** Nearest rank: the smallest sample with at least p% of the samples at or below it. */
  static long rank(long[] sorted, int p) {
    int n = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, n - 1)];
  }
}
