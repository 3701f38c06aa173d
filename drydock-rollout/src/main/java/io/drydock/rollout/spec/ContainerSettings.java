package io.drydock.rollout.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How each container of the service is created.
 *
 * @param ports container ports; only used with a non-host network (the first one receives the allocated
 *     host port). With host networking the app must listen on {@code PORT} from its environment.
 * @param volumes {@code source:target[:ro]}
 * @param memoryBytes memory limit, null = none
 * @param nanoCpus CPU limit in 1e-9 CPUs, null = none
 * @param stopGrace time between SIGTERM and SIGKILL when a container is stopped
 */
public record ContainerSettings(
    Map<String, String> env,
    List<Integer> ports,
    List<String> volumes,
    List<String> command,
    Map<String, String> labels,
    @Nullable Long memoryBytes,
    @Nullable Long nanoCpus,
    Duration stopGrace) {

  public ContainerSettings {
    env = Map.copyOf(env);
    ports = List.copyOf(ports);
    volumes = List.copyOf(volumes);
    command = List.copyOf(command);
    labels = Map.copyOf(labels);
    for (String key : labels.keySet()) {
      if (key.startsWith("io.drydock.")) {
        throw new IllegalArgumentException("label '" + key + "' is reserved for drydock");
      }
    }
  }

  public static ContainerSettings defaults() {
    return new ContainerSettings(Map.of(), List.of(), List.of(), List.of(), Map.of(), null, null, Duration.ofSeconds(30));
  }
}
