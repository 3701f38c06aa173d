package io.drydock.image.layer;

import io.drydock.image.stream.CountingFilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Limits the bytes read while the tar reader parses one entry's headers (PAX, long names, sparse maps). */
final class HeaderGuard extends CountingFilterInputStream {
  private long budget = Long.MAX_VALUE;
  private long limit;

  HeaderGuard(InputStream in) {
    super(in);
  }

  void arm(long maxBytes) {
    limit = maxBytes;
    budget = maxBytes + 2L * TarConstants.DEFAULT_BLKSIZE; // plus padding and the end-of-archive block
  }

  void disarm() {
    budget = Long.MAX_VALUE;
  }

  @Override
  protected void counted(long n) throws IOException {
    if (budget != Long.MAX_VALUE) {
      budget -= n;
      if (budget < 0) {
        throw new HeaderTooLarge("an entry carries more than " + limit + " bytes of tar headers");
      }
    }
  }
}
