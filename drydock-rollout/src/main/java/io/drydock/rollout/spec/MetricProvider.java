package io.drydock.rollout.spec;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Where a metric's value comes from. */
public sealed interface MetricProvider permits MetricProvider.Haproxy, MetricProvider.Http, MetricProvider.Command {

  /** What can be read from HAProxy's per-server counters of the analysed side, between two samples. */
  enum HaproxyStat {
    /** (5xx + connection errors + response errors) / all responses over the interval; no request = no value. */
    ERROR_RATE("errorRate"),
    /** HAProxy's average response time over the last 1024 requests ({@code rtime}), the worst server. */
    AVG_RESPONSE_MILLIS("avgResponseMillis"),
    /** Requests answered over the interval. */
    REQUESTS("requests");

    private final String yamlName;

    HaproxyStat(String yamlName) {
      this.yamlName = yamlName;
    }

    public String yamlName() {
      return yamlName;
    }

    public static @Nullable HaproxyStat ofYaml(String name) {
      for (HaproxyStat s : values()) {
        if (s.yamlName.equals(name)) {
          return s;
        }
      }
      return null;
    }
  }

  /** HAProxy statistics of the analysed side's servers, sampled at the start and end of {@code window}. */
  record Haproxy(HaproxyStat stat, Duration window) implements MetricProvider {}

  /**
   * An HTTP request. {@code url} may contain {@code {{address}}} (host:port of the analysed container);
   * without url the request goes to {@code http://{{address}}{path}}. The result is the value at
   * {@code jsonPath} ({@code $.a.b[0]}) of the JSON body, or the status code without one.
   */
  record Http(@Nullable String url, String path, String method, @Nullable String jsonPath, Duration timeout)
      implements MetricProvider {
    public Http {
      if (url == null && !path.startsWith("/")) {
        throw new IllegalArgumentException("http.path must start with '/'");
      }
      if (!method.equals("GET") && !method.equals("POST") && !method.equals("HEAD")) {
        throw new IllegalArgumentException("http.method must be GET, POST or HEAD");
      }
    }
  }

  /**
   * A command run on the drydock host with env ADDRESS, HOST, PORT of the analysed container. Exit status
   * other than 0 is a Failed measurement; otherwise the trimmed stdout is the result.
   */
  record Command(List<String> argv, Duration timeout) implements MetricProvider {
    public Command {
      argv = List.copyOf(argv);
      if (argv.isEmpty()) {
        throw new IllegalArgumentException("command must not be empty");
      }
    }
  }
}
