package io.drydock.image;

import io.drydock.model.Digest;

/**
 * Manifest or index bytes as served, with the media type the store reported and the digest of the bytes
 * (computed, or from the registry's {@code Docker-Content-Digest} — the resolver checks the two agree).
 */
public record RawManifest(byte[] bytes, String mediaType, Digest digest) {
  public RawManifest {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
