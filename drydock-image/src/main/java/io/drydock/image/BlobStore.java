package io.drydock.image;

import io.drydock.model.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Content-addressed storage an image can be resolved from: an OCI layout (directory or archive) or one
 * repository of a registry. The resolver verifies what it reads; a store only fetches.
 */
public interface BlobStore extends AutoCloseable {

  /**
   * Fetches a manifest or index by tag/ref name or by digest ({@code sha256:…}). Implementations must refuse
   * (INVALID_INPUT) a manifest larger than {@code maxBytes} without reading all of it.
   */
  RawManifest fetchManifest(String reference, long maxBytes) throws IOException;

  /** Opens a blob (config or layer) for streaming; unverified. */
  InputStream openBlob(Digest digest) throws IOException;

  /** A short description for error messages ({@code oci-archive:x.tar}, {@code 127.0.0.1:5000/fixtures/alpine}). */
  String describe();

  @Override
  void close() throws IOException;
}
