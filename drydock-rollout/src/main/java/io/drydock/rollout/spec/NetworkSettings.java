package io.drydock.rollout.spec;

/**
 * Where containers listen. Each container gets its own loopback port from {@code [portFrom, portTo]}; with
 * {@code host} networking (the only mode rootful Podman offers here) it is passed to the app as env
 * {@code PORT} and the router's server points to {@code 127.0.0.1:PORT}.
 *
 * @param mode {@code host} or an engine network name (then the port is published to the first container port)
 */
public record NetworkSettings(String mode, int portFrom, int portTo) {
  /** The one host address containers listen on and the router reaches them at (single host: loopback). */
  public static final String LOOPBACK = "127.0.0.1";

  public NetworkSettings {
    if (portFrom < 1024 || portTo > 65535 || portFrom > portTo) {
      throw new IllegalArgumentException("network.portRange must be within 1024-65535 and ascending, got " + portFrom + "-" + portTo);
    }
    if (mode.isBlank()) {
      throw new IllegalArgumentException("network.mode must not be empty");
    }
  }

  public boolean host() {
    return mode.equals("host");
  }

  public int size() {
    return portTo - portFrom + 1;
  }
}
