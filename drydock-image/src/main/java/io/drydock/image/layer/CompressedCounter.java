package io.drydock.image.layer;

import io.drydock.image.stream.CountingFilterInputStream;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Counts blob bytes, reports progress every {@code step} bytes, never closes the blob. */
final class CompressedCounter extends CountingFilterInputStream {
  private final LongConsumer listener;
  private final long step;
  private volatile long count;
  private long nextReport;

  CompressedCounter(InputStream in, long step, LongConsumer listener) {
    super(in);
    this.listener = listener;
    this.step = step;
    this.nextReport = step;
  }

  /** Blob bytes read or skipped so far. */
  long count() {
    return count;
  }

  @Override
  protected void counted(long n) {
    count += n;
    if (count >= nextReport) {
      nextReport = count + step;
      listener.accept(count);
    }
  }

  @Override
  public void close() {
    // the caller owns the blob
  }
}
