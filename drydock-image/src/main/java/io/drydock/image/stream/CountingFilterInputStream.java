package io.drydock.image.stream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter that tells its subclass how many bytes went through, read or skipped: the one place the three counting
 * filters (tar offsets, compressed-bytes progress, the tar-header budget) count. {@code mark}/{@code reset} are
 * passed through uncounted, as {@link FilterInputStream} does; a subclass whose count must be exact refuses them.
 */
public abstract class CountingFilterInputStream extends FilterInputStream {

  protected CountingFilterInputStream(InputStream in) {
    super(in);
  }

  /** Called after {@code n > 0} bytes were read or skipped; may throw to stop the read. */
  protected abstract void counted(long n) throws IOException;

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = in.skip(n);
    if (s > 0) {
      counted(s);
    }
    return s;
  }
}
