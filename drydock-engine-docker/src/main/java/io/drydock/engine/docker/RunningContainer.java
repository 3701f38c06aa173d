package io.drydock.engine.docker;

import io.drydock.model.Digest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A running container as the inventory records it.
 *
 * @param image the image as the container was created from it ({@code nginx:1.27}, or an image id)
 * @param imageId the image's config digest as the engine knows it
 * @param repoDigest the manifest digest the image was pulled by, when the engine knows one (matches the registry's
 *     digest and a stored SBOM's); null for images built or imported locally
 * @param engineHost the engine's host name ({@code Info.Name})
 */
public record RunningContainer(String id, String name, String image, @Nullable Digest imageId, @Nullable Digest repoDigest,
    List<String> repoDigests, Map<String, String> labels, String engineHost) {
  public RunningContainer {
    repoDigests = List.copyOf(repoDigests);
    labels = Map.copyOf(labels);
  }
}
