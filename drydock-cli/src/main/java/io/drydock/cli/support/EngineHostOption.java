package io.drydock.cli.support;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --engine-host}, declared once for the image commands (engine: images) and the rollout commands (the
 * engine that runs the containers). Both resolve it with {@link io.drydock.model.EngineHost#resolve}.
 */
public final class EngineHostOption {
  @Option(names = "--engine-host", paramLabel = "URI",
      description = "Docker Engine API of Docker or Podman: unix:///path.sock or tcp://host:port. Default: $DOCKER_HOST, else unix:///var/run/docker.sock.")
  @Nullable String engineHost;

  /** The option's value, null when not given. */
  public @Nullable String value() {
    return engineHost;
  }
}
