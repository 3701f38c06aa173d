package io.drydock.rollout.analysis;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The measurements of one metric so far, with Argo's counters: {@code count} counts every measurement but
 * errors; {@code consecutiveErrors} resets on any non-error measurement.
 */
public record MetricResult(
    String name,
    List<Measurement> measurements,
    int count,
    int successful,
    int failed,
    int inconclusive,
    int errors,
    int consecutiveErrors) {

  /** Measurements kept per metric (Argo keeps 10); the counters cover all of them. */
  public static final int HISTORY_LIMIT = 10;

  public MetricResult {
    measurements = List.copyOf(measurements);
  }

  public static MetricResult empty(String name) {
    return new MetricResult(name, List.of(), 0, 0, 0, 0, 0, 0);
  }

  /** This result with one more measurement. */
  public MetricResult add(Measurement m) {
    List<Measurement> ms = new ArrayList<>(measurements);
    ms.add(m);
    if (ms.size() > HISTORY_LIMIT) {
      ms.remove(0);
    }
    return switch (m.phase()) {
      case SUCCESSFUL -> new MetricResult(name, ms, count + 1, successful + 1, failed, inconclusive, errors, 0);
      case FAILED -> new MetricResult(name, ms, count + 1, successful, failed + 1, inconclusive, errors, 0);
      case INCONCLUSIVE -> new MetricResult(name, ms, count + 1, successful, failed, inconclusive + 1, errors, 0);
      case ERROR -> new MetricResult(name, ms, count, successful, failed, inconclusive, errors + 1, consecutiveErrors + 1);
      default -> throw new IllegalArgumentException("not a completed measurement: " + m.phase());
    };
  }

  /** The last measurement, or null before the first. */
  public @Nullable Measurement last() {
    return measurements.isEmpty() ? null : measurements.get(measurements.size() - 1);
  }
}
