package io.drydock.image.registry;

import io.drydock.model.Digest;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A blob to push with an image: its digest and size, where its bytes are (in memory or a file), and
 * optionally a repository on the same registry to mount it from instead of uploading.
 */
public record PushBlob(Digest digest, long size, byte @Nullable [] bytes, @Nullable Path file, @Nullable String mountFrom) {
  public PushBlob {
    Objects.requireNonNull(digest);
    if ((bytes == null) == (file == null)) {
      throw new IllegalArgumentException("a blob is either bytes or a file");
    }
  }

  public static PushBlob of(byte[] bytes) {
    return new PushBlob(Digest.sha256(bytes), bytes.length, bytes.clone(), null, null);
  }

  public static PushBlob ofFile(Digest digest, long size, Path file) {
    return new PushBlob(digest, size, null, file, null);
  }

  /** The same blob, to be mounted from {@code repository} when the target lacks it. */
  public PushBlob mountingFrom(String repository) {
    return new PushBlob(digest, size, bytes, file, repository);
  }

  BlobContent content() {
    return bytes != null ? new BlobContent.Bytes(bytes) : new BlobContent.File(Objects.requireNonNull(file), size);
  }
}
