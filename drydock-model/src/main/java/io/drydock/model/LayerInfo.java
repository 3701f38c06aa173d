package io.drydock.model;

import org.jspecify.annotations.Nullable;

/**
 * One filesystem layer of an image.
 *
 * @param digest digest of the blob as stored (compressed), or of the uncompressed tar where the source has
 *     no compressed form (engine exports, rootfs directories)
 * @param diffId digest of the uncompressed tar, from the image config's {@code rootfs.diff_ids}
 * @param size blob size in bytes as stored
 * @param mediaType the manifest's media type for the blob
 * @param createdBy the history entry's {@code created_by}, if the config records one
 */
public record LayerInfo(Digest digest, Digest diffId, long size, String mediaType, @Nullable String createdBy) {
  public LayerInfo {
    if (size < 0) {
      throw new IllegalArgumentException("negative layer size " + size);
    }
  }
}
