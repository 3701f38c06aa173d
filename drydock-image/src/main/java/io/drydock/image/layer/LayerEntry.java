package io.drydock.image.layer;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a layer tar, with its path made safe: relative to the image root, '/'-separated, no
 * {@code .} or {@code ..} components, no leading slash ({@code etc/os-release}). Entries whose path would
 * escape the root never reach a visitor; they are counted as skips.
 *
 * <p>Whiteouts are data: {@code etc/.wh.motd} arrives as {@code WHITEOUT} with path {@code etc/motd};
 * {@code opt/cache/.wh..wh..opq} arrives as {@code OPAQUE} with path {@code opt/cache}.
 *
 * @param linkTarget for symlinks the target as written; for hardlinks the (normalised) path linked to
 */
public record LayerEntry(String path, Type type, long size, int mode, @Nullable String linkTarget, long uid, long gid) {

  public enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, WHITEOUT, OPAQUE, OTHER }

  public boolean isExecutable() {
    return type == Type.FILE && (mode & 0111) != 0;
  }

  public boolean isSetuid() {
    return type == Type.FILE && (mode & 04000) != 0;
  }

  public boolean isSetgid() {
    return type == Type.FILE && (mode & 02000) != 0;
  }
}
