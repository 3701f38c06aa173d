package io.drydock.image.layer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code source} on a thread of its own, a bounded number of chunks ahead of the consumer, so that
 * decompressing a layer (and verifying its blob digest) runs on one core while hashing the tar and parsing
 * entries runs on another. At most {@code depth} chunks are buffered: a decompression bomb still cannot get
 * further ahead than that before the consumer's limits see it.
 *
 * <p>A failure of the source is rethrown to the consumer, unchanged, at the point in the stream where it
 * happened. {@link #close()} stops the thread and waits for it, so the source may be closed (and native
 * decompressor memory freed) afterwards; it does not close the source.
 */
final class ReadAheadInputStream extends InputStream {
  private static final Object END = new Object();
  private static final long JOIN_MILLIS = 5_000;

  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private volatile boolean closed;
  private byte @Nullable [] chunk;
  private int pos;
  private int limit;
  private boolean ended;

  private record Chunk(byte[] data, int length) {}

  ReadAheadInputStream(InputStream source, int chunkSize, int depth, String name) {
    this.queue = new ArrayBlockingQueue<>(depth);
    this.thread = new Thread(() -> pump(source, chunkSize), name);
    thread.setDaemon(true);
    thread.start();
  }

  private void pump(InputStream source, int chunkSize) {
    try {
      while (!closed) {
        byte[] buffer = new byte[chunkSize];
        int n = source.readNBytes(buffer, 0, chunkSize);
        if (n > 0 && !offer(new Chunk(buffer, n))) {
          return;
        }
        if (n < chunkSize) {
          offer(END);
          return;
        }
      }
    } catch (Throwable t) { // rethrown to the consumer as it is
      offer(t);
    }
  }

  /** Puts {@code item} on the queue; false when the stream was closed meanwhile. */
  private boolean offer(Object item) {
    try {
      while (!closed) {
        if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private boolean fill() throws IOException {
    if (ended) {
      return false;
    }
    Object next;
    try {
      next = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the decompressed layer");
    }
    if (next instanceof Chunk c) {
      chunk = c.data();
      pos = 0;
      limit = c.length();
      return true;
    }
    ended = true;
    if (next == END) {
      return false;
    }
    if (next instanceof IOException e) {
      throw e;
    }
    if (next instanceof RuntimeException e) {
      throw e;
    }
    if (next instanceof Error e) {
      throw e;
    }
    throw new UncheckedIOException(new IOException((Throwable) next));
  }

  @Override
  public int read() throws IOException {
    if (pos >= limit && !fill()) {
      return -1;
    }
    return chunk[pos++] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos >= limit && !fill()) {
      return -1;
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(chunk, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return limit - pos;
  }

  /** True when the reading thread has stopped (after {@link #close()}): the source is no longer in use. */
  boolean stopped() {
    return !thread.isAlive();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    thread.interrupt();
    try {
      thread.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
  }
}
