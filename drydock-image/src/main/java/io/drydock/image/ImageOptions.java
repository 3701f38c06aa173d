package io.drydock.image;

import io.drydock.model.Platform;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How to open an image.
 *
 * @param platform the platform to pick from a multi-arch index; null = the host's
 * @param insecure allow plain HTTP and unverified TLS to non-loopback registries
 * @param dockerConfigDir directory holding {@code config.json}; null = {@code $DOCKER_CONFIG} or
 *     {@code ~/.docker}
 * @param engineHost Docker Engine API endpoint ({@code unix:///run/podman/podman.sock}); null =
 *     {@code $DOCKER_HOST} or the default socket
 * @param workDir where temporary files (e.g. an engine export) may be written
 * @param timeout per request
 */
public record ImageOptions(
    @Nullable Platform platform,
    boolean insecure,
    @Nullable Path dockerConfigDir,
    @Nullable String engineHost,
    Path workDir,
    Duration timeout) {

  public static ImageOptions defaults(Path workDir) {
    return new ImageOptions(null, false, null, null, workDir, Duration.ofSeconds(60));
  }

  public Platform platformOrHost() {
    return platform != null ? platform : Platform.host();
  }

  public ImageOptions withPlatform(@Nullable Platform p) {
    return new ImageOptions(p, insecure, dockerConfigDir, engineHost, workDir, timeout);
  }

  public ImageOptions withInsecure(boolean i) {
    return new ImageOptions(platform, i, dockerConfigDir, engineHost, workDir, timeout);
  }

  public ImageOptions withDockerConfigDir(@Nullable Path d) {
    return new ImageOptions(platform, insecure, d, engineHost, workDir, timeout);
  }

  public ImageOptions withEngineHost(@Nullable String h) {
    return new ImageOptions(platform, insecure, dockerConfigDir, h, workDir, timeout);
  }
}
