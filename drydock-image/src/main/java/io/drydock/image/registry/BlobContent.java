package io.drydock.image.registry;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Bytes to upload, readable in slices so that a chunked upload can resume at any offset. */
sealed interface BlobContent permits BlobContent.Bytes, BlobContent.File {
  long size();

  /** {@code length} bytes from {@code offset}. */
  byte[] slice(long offset, int length) throws IOException;

  /** The whole content as a replayable request body. */
  HttpRequest.BodyPublisher publisher() throws IOException;

  record Bytes(byte[] bytes) implements BlobContent {
    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public byte[] slice(long offset, int length) {
      byte[] out = new byte[length];
      System.arraycopy(bytes, (int) offset, out, 0, length);
      return out;
    }

    @Override
    public HttpRequest.BodyPublisher publisher() {
      return HttpRequest.BodyPublishers.ofByteArray(bytes);
    }
  }

  record File(Path path, long size) implements BlobContent {
    @Override
    public byte[] slice(long offset, int length) throws IOException {
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
        ByteBuffer buf = ByteBuffer.allocate(length);
        long pos = offset;
        while (buf.hasRemaining()) {
          int n = ch.read(buf, pos);
          if (n < 0) {
            throw new IOException(path + " is shorter than " + size + " bytes");
          }
          pos += n;
        }
        return buf.array();
      }
    }

    @Override
    public HttpRequest.BodyPublisher publisher() throws IOException {
      return HttpRequest.BodyPublishers.ofFile(path);
    }
  }
}
