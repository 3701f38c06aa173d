package io.drydock.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an image source knows about an image before any layer is read.
 *
 * @param name the reference as the user gave it ({@code oci-archive:x.tar}, {@code alpine:3.20})
 * @param ref the registry reference when the image came from (or is tagged for) a registry
 * @param indexDigest digest of the index the manifest was chosen from, if any (the digest to pin multi-arch
 *     images to)
 * @param manifestDigest digest of the image manifest; null for sources without one (rootfs directory)
 * @param configDigest digest of the image config (the image id); null for sources without one
 */
public record ImageMetadata(
    String name,
    @Nullable ImageRef ref,
    @Nullable Digest indexDigest,
    @Nullable Digest manifestDigest,
    @Nullable Digest configDigest,
    @Nullable Platform platform,
    List<LayerInfo> layers,
    ImageConfig config,
    List<String> repoTags) {

  public ImageMetadata {
    layers = List.copyOf(layers);
    repoTags = List.copyOf(repoTags);
  }

  /** Sum of the stored layer sizes. */
  public long totalSize() {
    return layers.stream().mapToLong(LayerInfo::size).sum();
  }
}
