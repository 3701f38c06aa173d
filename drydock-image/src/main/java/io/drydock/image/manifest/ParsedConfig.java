package io.drydock.image.manifest;

import io.drydock.model.Digest;
import io.drydock.model.ImageConfig;
import io.drydock.model.Platform;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An image config: its runtime part, the uncompressed layer digests and the {@code created_by} of each
 * non-empty history entry (aligned with {@code diffIds} when the history is consistent, else empty).
 */
public record ParsedConfig(ImageConfig config, List<Digest> diffIds, List<@Nullable String> layerCreatedBy, @Nullable Platform platform) {
  public ParsedConfig {
    diffIds = List.copyOf(diffIds);
    layerCreatedBy = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(layerCreatedBy));
    if (!layerCreatedBy.isEmpty() && layerCreatedBy.size() != diffIds.size()) {
      throw new IllegalArgumentException("layerCreatedBy must be empty or match diffIds");
    }
  }
}
