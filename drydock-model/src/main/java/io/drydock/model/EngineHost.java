package io.drydock.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the container engine's API is: the one place that reads {@code DOCKER_HOST}. An explicit option wins,
 * then {@code $DOCKER_HOST}, then Docker's default socket (Podman's Docker-compatible socket is named the same way).
 */
public final class EngineHost {
  /** Docker's default socket. */
  public static final String DEFAULT = "unix:///var/run/docker.sock";

  private EngineHost() {}

  /** The option when set, else {@code env}'s {@code DOCKER_HOST} when set, else {@link #DEFAULT}. */
  public static String resolve(@Nullable String option, Map<String, String> env) {
    if (option != null && !option.isBlank()) {
      return option;
    }
    String fromEnv = env.get("DOCKER_HOST");
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT;
  }
}
