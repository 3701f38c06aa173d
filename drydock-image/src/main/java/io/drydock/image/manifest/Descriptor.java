package io.drydock.image.manifest;

import io.drydock.model.Digest;
import io.drydock.model.Platform;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A content descriptor: what a manifest or index says about a blob it points to. */
public record Descriptor(String mediaType, Digest digest, long size, @Nullable Platform platform, Map<String, String> annotations) {
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  public Descriptor {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    annotations = Map.copyOf(annotations);
  }

  public @Nullable String annotation(String key) {
    return annotations.get(key);
  }
}
