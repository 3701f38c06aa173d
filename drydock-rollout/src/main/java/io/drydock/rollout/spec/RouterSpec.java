package io.drydock.rollout.spec;

/**
 * The HAProxy that carries the service's traffic.
 *
 * @param frontend the frontend users connect to (informational; drydock changes only the backend)
 * @param backend the backend whose servers drydock adds, weighs, drains and removes
 * @param socket the Runtime API socket: a unix socket path or {@code host:port}
 */
public record RouterSpec(String frontend, String backend, String socket) {
  public RouterSpec {
    if (backend.isBlank() || socket.isBlank()) {
      throw new IllegalArgumentException("router.backend and router.socket must be set");
    }
  }
}
