package io.drydock.rollout.spi;

import io.drydock.model.ImageRef;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A container to create.
 *
 * @param image always pinned to a digest by the controller
 * @param command overrides the image's CMD when not empty
 * @param networkMode {@code host} (single-host default: the app listens on {@code PORT} from env on 127.0.0.1)
 *     or an engine network name
 * @param ports host port bindings, used when the network mode is not {@code host}
 * @param volumes {@code source:target[:ro]}
 * @param memoryBytes limit, null = none
 * @param nanoCpus limit in 1e-9 CPUs, null = none
 */
public record ContainerSpec(
    String name,
    ImageRef image,
    Map<String, String> env,
    List<String> command,
    String networkMode,
    List<PortBinding> ports,
    List<String> volumes,
    Map<String, String> labels,
    @Nullable Long memoryBytes,
    @Nullable Long nanoCpus) {

  public ContainerSpec {
    env = Map.copyOf(env);
    command = List.copyOf(command);
    ports = List.copyOf(ports);
    volumes = List.copyOf(volumes);
    labels = Map.copyOf(labels);
  }

  /** {@code hostIp:hostPort -> containerPort/tcp}. */
  public record PortBinding(String hostIp, int hostPort, int containerPort) {}
}
