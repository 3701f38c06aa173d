package io.drydock.router.haproxy.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The outcome of a {@link LoadGenerator} run: every request's due time, latency and which version answered
 * (the test app's {@code X-Version} header), failures with samples, and percentiles over any time window.
 * Times are {@link System#nanoTime()} values, comparable with {@link LoadGenerator#now()}.
 */
public final class LoadReport {
  /** A failed request: a non-2xx status or an I/O error. */
  public record Failure(long dueNanos, String what) {}

  private final LoadSpec spec;
  private final long startNanos;
  private final long endNanos;
  private final int count;
  private final long[] due;
  private final int[] latencyMicros;
  private final byte[] version;
  private final List<String> versions;
  private final long failures;
  private final List<Failure> failureSamples;

  LoadReport(LoadSpec spec, long startNanos, long endNanos, int count, long[] due, int[] latencyMicros, byte[] version,
      List<String> versions, long failures, List<Failure> failureSamples) {
    this.spec = spec;
    this.startNanos = startNanos;
    this.endNanos = endNanos;
    this.count = count;
    this.due = due;
    this.latencyMicros = latencyMicros;
    this.version = version;
    this.versions = List.copyOf(versions);
    this.failures = failures;
    this.failureSamples = List.copyOf(failureSamples);
  }

  public LoadSpec spec() {
    return spec;
  }

  /** Requests completed (answered or failed). */
  public long requests() {
    return count;
  }

  public long failures() {
    return failures;
  }

  /** Up to 1000 failures, first ones first. */
  public List<Failure> failureSamples() {
    return failureSamples;
  }

  public double seconds() {
    return (endNanos - startNanos) / 1e9;
  }

  public double achievedRate() {
    return count / Math.max(1e-9, seconds());
  }

  public long startNanos() {
    return startNanos;
  }

  public long endNanos() {
    return endNanos;
  }

  /** Successful answers per version, in the order versions were first seen. */
  public Map<String, Long> byVersion() {
    return byVersion(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** Successful answers per version among requests due in [from, to). */
  public Map<String, Long> byVersion(long fromNanos, long toNanos) {
    long[] counts = new long[versions.size() + 1];
    for (int i = 0; i < count; i++) {
      if (due[i] >= fromNanos && due[i] < toNanos) {
        counts[version[i] & 0xff]++;
      }
    }
    Map<String, Long> result = new LinkedHashMap<>();
    for (int v = 1; v <= versions.size(); v++) {
      if (counts[v] > 0) {
        result.put(versions.get(v - 1), counts[v]);
      }
    }
    return result;
  }

  /** Latency (µs, from when each request was due) of requests due in [from, to). */
  public Histogram latency(long fromNanos, long toNanos) {
    Histogram h = new Histogram(3_600_000_000L, 3);
    for (int i = 0; i < count; i++) {
      if (due[i] >= fromNanos && due[i] < toNanos) {
        h.recordValue(Math.max(0, latencyMicros[i]));
      }
    }
    return h;
  }

  public Histogram latency() {
    return latency(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * Switch time: from {@code fromNanos} until the first request due after which every request (due before
   * {@code toNanos}) was answered by {@code target}. Returns -1 when that never happened in the window.
   */
  public long switchNanos(String target, long fromNanos, long toNanos) {
    int t = versions.indexOf(target) + 1;
    if (t == 0) {
      return -1;
    }
    // requests complete out of order: sort the window by due time
    List<long[]> window = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (due[i] >= fromNanos && due[i] < toNanos) {
        window.add(new long[] {due[i], version[i] & 0xff});
      }
    }
    window.sort((a, b) -> Long.compare(a[0], b[0]));
    long firstOfTail = -1;
    for (int i = window.size() - 1; i >= 0; i--) {
      if (window.get(i)[1] != t) {
        break;
      }
      firstOfTail = window.get(i)[0];
    }
    return firstOfTail < 0 ? -1 : Math.max(0, firstOfTail - fromNanos);
  }

  public String summary() {
    Histogram h = latency();
    return String.format("%d requests in %.1f s (%.0f/s, target %d/s, %s), %d failed; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; by version %s",
        count, seconds(), achievedRate(), spec.ratePerSecond(), spec.mode(), failures, h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, byVersion())
        + (failureSamples.isEmpty() ? "" : "; first failures " + failureSamples.subList(0, Math.min(5, failureSamples.size())));
  }

  @Override
  public String toString() {
    return summary();
  }
}
