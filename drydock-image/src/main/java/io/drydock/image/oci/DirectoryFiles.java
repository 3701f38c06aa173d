package io.drydock.image.oci;

import io.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Layout files in a directory. Every path is resolved to its real path and must stay under the layout root and
 * be a regular file, so a symlinked blob cannot make drydock read outside the layout.
 */
final class DirectoryFiles implements LayoutFiles {
  private final Path root;
  private final String describe;

  DirectoryFiles(Path root, String describe) throws IOException {
    try {
      this.root = root.toRealPath();
    } catch (NoSuchFileException e) {
      throw DrydockException.notFound("Tried to open " + describe + " but failed because: " + root + " does not exist");
    }
    if (!Files.isDirectory(this.root)) {
      throw TarIndex.invalid(describe, root + " is not a directory");
    }
    this.describe = describe;
  }

  @Override
  public String describe() {
    return describe;
  }

  @Override
  public boolean exists(String path) {
    return Files.exists(root.resolve(path), LinkOption.NOFOLLOW_LINKS);
  }

  private Path resolve(String path) throws IOException {
    Path real;
    try {
      real = root.resolve(path).toRealPath();
    } catch (NoSuchFileException e) {
      throw DrydockException.notFound("Tried to read '" + path + "' from " + describe + " but failed because: the layout has no such file");
    }
    if (!real.startsWith(root)) {
      throw TarIndex.invalid(describe, "'" + path + "' resolves to " + real + ", outside the layout directory");
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw TarIndex.invalid(describe, "'" + path + "' is not a regular file");
    }
    return real;
  }

  @Override
  public byte[] read(String path, long maxBytes) throws IOException {
    Path real = resolve(path);
    long size = Files.size(real);
    if (size > maxBytes) {
      throw TarIndex.invalid(describe, "'" + path + "' is " + size + " bytes, more than the " + maxBytes + " allowed");
    }
    try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw TarIndex.invalid(describe, "'" + path + "' grew past the " + maxBytes + " bytes allowed while being read");
      }
      return bytes;
    }
  }

  @Override
  public InputStream open(String path) throws IOException {
    return Files.newInputStream(resolve(path), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public void close() {}
}
