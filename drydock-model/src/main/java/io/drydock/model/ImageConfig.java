package io.drydock.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The runtime-relevant part of an OCI / Docker image config. Empty collections where the config has none. */
public record ImageConfig(
    @Nullable String user,
    List<String> entrypoint,
    List<String> cmd,
    List<String> env,
    List<String> exposedPorts,
    @Nullable String workingDir,
    Map<String, String> labels,
    @Nullable Healthcheck healthcheck,
    @Nullable String created,
    List<String> volumes) {

  public ImageConfig {
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    env = List.copyOf(env);
    exposedPorts = List.copyOf(exposedPorts);
    labels = Map.copyOf(labels);
    volumes = List.copyOf(volumes);
  }

  public static ImageConfig empty() {
    return new ImageConfig(null, List.of(), List.of(), List.of(), List.of(), null, Map.of(), null, null, List.of());
  }

  /** True when the config names no user, or names root by name or uid 0. */
  public boolean runsAsRoot() {
    if (user == null || user.isBlank()) {
      return true;
    }
    String u = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    return u.equals("root") || u.equals("0");
  }

  /** The config's HEALTHCHECK; {@code test} as written ({@code ["CMD-SHELL", "curl …"]}, {@code ["NONE"]}). */
  public record Healthcheck(List<String> test, @Nullable Long intervalNanos, @Nullable Long timeoutNanos, @Nullable Integer retries) {
    public Healthcheck {
      test = List.copyOf(test);
    }
  }
}
