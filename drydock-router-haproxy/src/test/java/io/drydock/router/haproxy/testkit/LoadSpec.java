package io.drydock.router.haproxy.testkit;

import java.time.Duration;

/**
 * What {@link LoadGenerator} sends: {@code ratePerSecond} requests per second (open loop: a request's latency
 * counts from when it was due, so a stall is not hidden) to {@code 127.0.0.1:port path}, spread over
 * {@code connections} worker threads, until {@code duration} passes or {@code maxRequests} were sent.
 *
 * @param mode keep-alive connections, a fresh connection per request, or both alternately
 * @param postFraction share of requests that are POSTs carrying {@code postBodyBytes} bytes (0 = only GETs)
 */
public record LoadSpec(
    int port,
    String path,
    int ratePerSecond,
    int connections,
    ConnectionMode mode,
    double postFraction,
    int postBodyBytes,
    Duration duration,
    long maxRequests,
    Duration requestTimeout) {

  /** Loopback only, and bounded in time, count, memory. */
  public static final long MAX_RECORDED = 5_000_000;

  public enum ConnectionMode { KEEP_ALIVE, FRESH, MIXED }

  public LoadSpec {
    if (port < 1 || port > 65535 || !path.startsWith("/") || path.contains(" ") || path.contains("\r") || path.contains("\n")) {
      throw new IllegalArgumentException("port 1-65535 and a path starting with '/' without spaces");
    }
    if (ratePerSecond < 1 || ratePerSecond > 100_000 || connections < 1 || connections > 1000) {
      throw new IllegalArgumentException("rate 1-100000/s and 1-1000 connections");
    }
    if (postFraction < 0 || postFraction > 1 || postBodyBytes < 0 || postBodyBytes > (1 << 20)) {
      throw new IllegalArgumentException("postFraction 0-1 and a body of at most 1 MiB");
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("duration must be positive and at most 1 h");
    }
    if (maxRequests < 1) {
      throw new IllegalArgumentException("maxRequests must be positive");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
  }

  /** GET {@code /} over 16 keep-alive connections, 5 s timeout, no count limit beyond rate × duration. */
  public static LoadSpec of(int port, int ratePerSecond, Duration duration) {
    return new LoadSpec(port, "/", ratePerSecond, 16, ConnectionMode.KEEP_ALIVE, 0, 0, duration, Long.MAX_VALUE, Duration.ofSeconds(5));
  }

  public LoadSpec withConnections(int n, ConnectionMode m) {
    return new LoadSpec(port, path, ratePerSecond, n, m, postFraction, postBodyBytes, duration, maxRequests, requestTimeout);
  }

  public LoadSpec withPosts(double fraction, int bodyBytes) {
    return new LoadSpec(port, path, ratePerSecond, connections, mode, fraction, bodyBytes, duration, maxRequests, requestTimeout);
  }

  public LoadSpec withMaxRequests(long n) {
    return new LoadSpec(port, path, ratePerSecond, connections, mode, postFraction, postBodyBytes, duration, n, requestTimeout);
  }

  public LoadSpec withPath(String p) {
    return new LoadSpec(port, p, ratePerSecond, connections, mode, postFraction, postBodyBytes, duration, maxRequests, requestTimeout);
  }

  /** How many requests the run can send at most (what the recorder allocates for). */
  long capacity() {
    long byTime = (long) Math.ceil(ratePerSecond * (duration.toNanos() / 1e9)) + 1;
    return Math.min(Math.min(maxRequests, byTime), MAX_RECORDED);
  }
}
