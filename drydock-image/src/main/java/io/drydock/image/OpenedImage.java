package io.drydock.image;

import io.drydock.model.ImageMetadata;
import java.io.IOException;
import java.io.InputStream;

/**
 * An image whose manifest and config are resolved and verified, and whose layers can be read. Close it to
 * release files, sockets and temporary space.
 */
public interface OpenedImage extends AutoCloseable {

  ImageMetadata metadata();

  /**
   * Opens layer {@code index} (0 = bottom) as its stored blob: possibly compressed, verified against the blob
   * digest while it streams. Reading past the end of a blob whose digest or size does not match throws a
   * {@link io.drydock.model.DrydockException} of kind INVALID_INPUT. Sources without compressed blobs (engine
   * exports, rootfs directories) return an uncompressed tar.
   */
  InputStream openLayerBlob(int index) throws IOException;

  @Override
  void close() throws IOException;
}
