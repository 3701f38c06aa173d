package io.drydock.rollout.spi;

import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rollout controller needs from a container engine (Docker or Podman through the Docker Engine API;
 * later Kubernetes). Every method fails with a {@link io.drydock.model.DrydockException}: UNREACHABLE when
 * the engine cannot be reached, NOT_FOUND for a missing image or container, INVALID_INPUT for a rejected spec.
 */
public interface ContainerEngine extends AutoCloseable {

  /** Pulls the image if it is not present; returns the digest it resolved to (the repo digest for registry images). */
  Digest pull(ImageRef image, Duration timeout);

  /** Creates (does not start) a container; returns its id. */
  String create(ContainerSpec spec);

  void start(String containerId);

  /** Stops with SIGTERM, then SIGKILL after {@code grace}. No error if already stopped. */
  void stop(String containerId, Duration grace);

  /** Removes a stopped container (forced if still running). No error if already gone. */
  void remove(String containerId);

  Optional<ContainerInfo> inspect(String containerId);

  /** Containers (running or not) carrying all of the given labels. */
  List<ContainerInfo> list(Map<String, String> labels);

  /** The last {@code lines} lines of stdout and stderr, for error messages. */
  String logs(String containerId, int lines);

  @Override
  void close();
}
