package io.drydock.scan.analyzer.rpm;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional reads from a database file. */
final class Io {
  private Io() {}

  /** Reads exactly {@code dst.length} bytes at {@code position}; EOFException when the file is shorter. */
  static void readFully(FileChannel ch, long position, byte[] dst, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(dst, 0, length);
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new EOFException("file ends at " + pos + ", needed " + (position + length));
      }
      pos += n;
    }
  }
}
