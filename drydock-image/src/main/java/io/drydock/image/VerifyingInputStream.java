package io.drydock.image;

import io.drydock.image.stream.ChunkInputStream;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks a blob against its digest and size while it streams. Reading more bytes than declared fails at once;
 * reaching EOF checks the size and the digest. Either failure is a {@link DrydockException} INVALID_INPUT:
 * "Tried to read blob X from Y but failed because: …". A reader that stops before EOF gets no verdict.
 */
public final class VerifyingInputStream extends ChunkInputStream {
  private final InputStream in;
  private final Digest expected;
  private final long expectedSize;
  private final String from;
  private final MessageDigest md;
  private long count;
  private boolean verified;
  private @Nullable DrydockException failure;

  /**
   * @param expectedSize the declared size, or -1 when unknown
   * @param from where the blob comes from, for errors ({@code oci-archive:x.tar})
   */
  public VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String from) {
    this.in = Objects.requireNonNull(in);
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.from = from;
    this.md = expected.newMessageDigest();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (failure != null) {
      throw failure;
    }
    if (verified) {
      return -1;
    }
    int n = in.read(b, off, len);
    if (n < 0) {
      verifyAtEof();
      return -1;
    }
    md.update(b, off, n);
    count += n;
    if (expectedSize >= 0 && count > expectedSize) {
      throw fail("it is longer than the " + expectedSize + " bytes its descriptor declares");
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return verified ? 0 : in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void verifyAtEof() {
    if (expectedSize >= 0 && count != expectedSize) {
      throw fail("it ended after " + count + " of " + expectedSize + " bytes (truncated)");
    }
    Digest got = Digest.of(expected.algorithm(), md.digest());
    if (!got.equals(expected)) {
      throw fail("digest mismatch (got " + got + ")");
    }
    verified = true;
  }

  private DrydockException fail(String because) {
    failure = new DrydockException(ErrorKind.INVALID_INPUT, "Tried to read blob " + expected + " from " + from
        + " but failed because: " + because);
    return failure;
  }
}
