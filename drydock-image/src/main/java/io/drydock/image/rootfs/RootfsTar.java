package io.drydock.image.rootfs;

import io.drydock.model.Skip;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.jspecify.annotations.Nullable;

/**
 * Writes a directory tree as one uncompressed layer tar: sorted, relative names, numeric owners, modes and
 * mtimes kept. Symlinks are stored as links and never followed; a file seen again through a hard link becomes
 * a hard-link entry; sockets, FIFOs, devices and unreadable files are skipped and reported.
 */
final class RootfsTar {
  private final Path root;
  private final Consumer<Skip> skips;
  private final Map<Object, String> seenInodes = new HashMap<>();

  RootfsTar(Path root, Consumer<Skip> skips) {
    this.root = root;
    this.skips = skips;
  }

  /** Writes the tar to {@code out}; returns the number of entries written. */
  long write(OutputStream out) throws IOException {
    long[] count = {0};
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      walk(root, tar, count);
      tar.finish();
    }
    return count[0];
  }

  private void walk(Path dir, TarArchiveOutputStream tar, long[] count) throws IOException {
    List<Path> children = new ArrayList<>();
    try (var stream = Files.list(dir)) {
      stream.forEach(children::add);
    } catch (java.nio.file.AccessDeniedException e) {
      skips.accept(new Skip(relative(dir) + "/", "directory not readable"));
      return;
    }
    children.sort(null);
    for (Path child : children) {
      if (Thread.currentThread().isInterrupted()) {
        throw new java.io.InterruptedIOException("interrupted while packing " + root);
      }
      String name = relative(child);
      BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attrs.isSymbolicLink()) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(Files.readSymbolicLink(child).toString());
        stat(child, e, attrs.lastModifiedTime());
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
      } else if (attrs.isDirectory()) {
        TarArchiveEntry e = new TarArchiveEntry(name + "/");
        stat(child, e, attrs.lastModifiedTime());
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        count[0]++;
        walk(child, tar, count);
        continue;
      } else if (attrs.isRegularFile()) {
        if (!writeFile(child, name, attrs, tar)) {
          continue;
        }
      } else {
        skips.accept(new Skip(name, "not a regular file, directory or symlink (device, FIFO or socket)"));
        continue;
      }
      count[0]++;
    }
  }

  private boolean writeFile(Path file, String name, BasicFileAttributes attrs, TarArchiveOutputStream tar) throws IOException {
    Object inode = attrs.fileKey();
    Integer nlink = (Integer) attribute(file, "unix:nlink");
    if (inode != null && nlink != null && nlink > 1) {
      String first = seenInodes.putIfAbsent(inode, name);
      if (first != null) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK);
        e.setLinkName(first);
        stat(file, e, attrs.lastModifiedTime());
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return true;
      }
    }
    InputStream in;
    try {
      in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.AccessDeniedException e) {
      skips.accept(new Skip(name, "file not readable"));
      return false;
    }
    try (in) {
      long size = attrs.size();
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(size);
      stat(file, e, attrs.lastModifiedTime());
      tar.putArchiveEntry(e);
      byte[] buf = new byte[64 * 1024];
      long left = size;
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          skips.accept(new Skip(name, "file shrank while being read; padded with zeros"));
          java.util.Arrays.fill(buf, (byte) 0);
          while (left > 0) {
            int z = (int) Math.min(buf.length, left);
            tar.write(buf, 0, z);
            left -= z;
          }
          break;
        }
        tar.write(buf, 0, n);
        left -= n;
      }
      tar.closeArchiveEntry();
      return true;
    }
  }

  private static void stat(Path p, TarArchiveEntry e, FileTime mtime) {
    Integer mode = (Integer) attribute(p, "unix:mode");
    Integer uid = (Integer) attribute(p, "unix:uid");
    Integer gid = (Integer) attribute(p, "unix:gid");
    if (mode != null) {
      e.setMode(mode & 07777);
    }
    if (uid != null) {
      e.setUserId(uid);
    }
    if (gid != null) {
      e.setGroupId(gid);
    }
    e.setUserName("");
    e.setGroupName("");
    e.setModTime(mtime);
  }

  private static @Nullable Object attribute(Path p, String name) {
    try {
      return Files.getAttribute(p, name, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  private String relative(Path p) {
    return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
  }
}
