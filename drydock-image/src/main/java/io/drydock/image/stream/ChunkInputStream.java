package io.drydock.image.stream;

import java.io.IOException;
import java.io.InputStream;

/**
 * Base of drydock's hand-written source streams: a subclass implements the bulk {@link #read(byte[], int, int)}
 * only, and the single-byte {@link #read()} goes through it, so that every byte passes the same digest, count and
 * limit checks. (commons-io's {@code ProxyInputStream} does this for filters only; several of ours are sources.)
 */
public abstract class ChunkInputStream extends InputStream {

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public abstract int read(byte[] b, int off, int len) throws IOException;
}
