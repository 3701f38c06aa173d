package io.drydock.rollout.spec;

import io.drydock.model.ImageRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A service as its YAML file describes it: what to run, how to check it, where its traffic goes and how a
 * new image reaches users. Created by {@link ServiceFile#parse}.
 *
 * @param name service name: lower-case letters, digits and dashes; used in container, server and state names
 * @param image the image to deploy; tags are pinned to a digest when a rollout starts
 * @param replicas containers per revision (1..32)
 * @param progressDeadline how long a new container may take to pass its health checks before the rollout aborts
 * @param smokeTests measurements run once against each preview container before it gets user traffic
 */
public record ServiceSpec(
    String name,
    ImageRef image,
    int replicas,
    ContainerSettings container,
    NetworkSettings network,
    HealthCheck healthCheck,
    RouterSpec router,
    RolloutStrategy strategy,
    List<Metric> smokeTests,
    Map<String, AnalysisTemplate> analysisTemplates,
    Duration progressDeadline) {

  public static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");

  public ServiceSpec {
    Objects.requireNonNull(image);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("service name '" + name + "' must be 1-40 lower-case letters, digits or dashes");
    }
    if (replicas < 1 || replicas > 32) {
      throw new IllegalArgumentException("replicas must be 1..32, got " + replicas);
    }
    smokeTests = List.copyOf(smokeTests);
    analysisTemplates = Map.copyOf(analysisTemplates);
    if (network.size() < 3 * replicas) {
      throw new IllegalArgumentException("network.portRange holds " + network.size() + " ports; " + (3 * replicas)
          + " are needed (stable, new and kept-for-undo sides of " + replicas + " replicas)");
    }
  }

  /** The same service with another image (the {@code --image} override of {@code rollout start}). */
  public ServiceSpec withImage(ImageRef newImage) {
    return new ServiceSpec(name, newImage, replicas, container, network, healthCheck, router, strategy, smokeTests,
        analysisTemplates, progressDeadline);
  }

  /** The metrics of the named templates, in order. */
  public List<Metric> metricsOf(List<String> templateNames) {
    return templateNames.stream().flatMap(t -> {
      AnalysisTemplate template = analysisTemplates.get(t);
      if (template == null) {
        throw new IllegalArgumentException("unknown analysis template '" + t + "'");
      }
      return template.metrics().stream();
    }).toList();
  }
}
