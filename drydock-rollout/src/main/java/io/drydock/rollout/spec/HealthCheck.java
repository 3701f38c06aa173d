package io.drydock.rollout.spec;

import java.time.Duration;
import java.util.List;

/**
 * drydock's own readiness check of a new container, run before the container is put behind the router
 * (where HAProxy's own checks then apply). A container is healthy after {@code rise} consecutive passes and
 * unhealthy after {@code fall} consecutive failures.
 */
public record HealthCheck(Probe probe, Duration interval, Duration timeout, int rise, int fall) {
  public HealthCheck {
    if (rise < 1 || rise > 100 || fall < 1 || fall > 100) {
      throw new IllegalArgumentException("healthCheck.rise and fall must be 1..100");
    }
    if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("healthCheck.interval and timeout must be positive");
    }
  }

  /** What one check does. */
  public sealed interface Probe permits Http, Tcp, Command {}

  /** GET {@code http://ADDRESS{path}}; passes on a status in [200, 400). */
  public record Http(String path) implements Probe {
    public Http {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("healthCheck.http.path must start with '/'");
      }
    }
  }

  /** Passes when a TCP connection to the container's port opens. */
  public record Tcp() implements Probe {}

  /** Runs on the drydock host with env ADDRESS, HOST and PORT; passes on exit status 0. */
  public record Command(List<String> argv) implements Probe {
    public Command {
      argv = List.copyOf(argv);
      if (argv.isEmpty()) {
        throw new IllegalArgumentException("healthCheck.command must not be empty");
      }
    }
  }
}
