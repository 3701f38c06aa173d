package io.drydock.image.layer;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;

/** The tar reader, noting whether the archive ended with its end-of-archive marker. */
final class GuardedTar extends TarArchiveInputStream {
  boolean endMarkerSeen;

  GuardedTar(InputStream in) {
    super(in, "UTF-8");
  }

  @Override
  protected boolean isEOFRecord(byte @Nullable [] record) {
    boolean eof = super.isEOFRecord(record);
    if (eof && record != null) {
      endMarkerSeen = true;
    }
    return eof;
  }

  /**
   * Reads past the rest of the current entry's content so that only headers are read while guarded
   * (TarArchiveInputStream would skip it inside getNextEntry).
   */
  void skipCurrent() throws IOException {
    if (getCurrentEntry() != null) {
      while (skip(Long.MAX_VALUE) > 0) {
        // skip() stops at the entry's end
      }
    }
  }
}
