package io.drydock.image.registry;

import io.drydock.model.Digest;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a referrers index: a manifest whose {@code subject} is the image asked about.
 *
 * @param artifactType the manifest's {@code artifactType} (or its config media type), null when absent
 */
public record Referrer(String mediaType, Digest digest, long size, @Nullable String artifactType,
    Map<String, String> annotations) {
  public Referrer {
    annotations = Map.copyOf(annotations);
  }
}
