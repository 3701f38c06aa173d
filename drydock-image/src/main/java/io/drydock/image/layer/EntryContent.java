package io.drydock.image.layer;

import java.io.IOException;
import java.io.InputStream;

/** The current entry's content as the visitor sees it: bounded by the tar reader, close does nothing. */
final class EntryContent extends InputStream {
  private final InputStream tar;
  private boolean hasContent;

  EntryContent(InputStream tar) {
    this.tar = tar;
  }

  void reset(boolean content) {
    this.hasContent = content;
  }

  @Override
  public int read() throws IOException {
    return hasContent ? tar.read() : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return hasContent ? tar.read(b, off, len) : -1;
  }

  @Override
  public long skip(long n) throws IOException {
    return hasContent ? tar.skip(n) : 0;
  }

  @Override
  public int available() throws IOException {
    return hasContent ? tar.available() : 0;
  }

  @Override
  public void close() {
    // the walker owns the tar stream
  }
}
