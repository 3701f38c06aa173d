package io.drydock.image.oci;

import java.io.IOException;
import java.io.InputStream;

/** Layout files inside an indexed tar. */
final class ArchiveFiles implements LayoutFiles {
  private final TarIndex tar;

  ArchiveFiles(TarIndex tar) {
    this.tar = tar;
  }

  @Override
  public String describe() {
    return tar.describe();
  }

  @Override
  public boolean exists(String path) {
    return tar.find(path) != null;
  }

  @Override
  public byte[] read(String path, long maxBytes) throws IOException {
    return tar.read(path, maxBytes);
  }

  @Override
  public InputStream open(String path) {
    return tar.open(path);
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
