package io.drydock.rollout.spi;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A container as the engine reports it.
 *
 * @param state engine state: {@code created}, {@code running}, {@code exited}, {@code paused}, {@code dead}
 * @param exitCode set once exited
 * @param imageId the local image id (config digest) the container runs
 */
public record ContainerInfo(
    String id,
    String name,
    String state,
    @Nullable Integer exitCode,
    String imageId,
    Map<String, String> labels,
    @Nullable String startedAt) {

  public ContainerInfo {
    labels = Map.copyOf(labels);
  }

  public boolean running() {
    return "running".equals(state);
  }
}
