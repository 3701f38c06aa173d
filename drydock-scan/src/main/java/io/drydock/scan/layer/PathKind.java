package io.drydock.scan.layer;

import io.drydock.image.layer.LayerEntry;
import org.jspecify.annotations.Nullable;

/**
 * The compact code a {@link LayerResult} keeps per path: {@code d} directory, {@code f} file, {@code l}
 * symlink, {@code h} hard link, {@code o} other (device, fifo), followed by {@code u} when setuid and
 * {@code g} when setgid ({@code fu}, {@code fug}).
 */
public final class PathKind {
  private PathKind() {}

  /** The code of an entry, or null for whiteouts and opaque markers (they are not paths of the layer). */
  public static @Nullable String of(LayerEntry entry) {
    String kind = switch (entry.type()) {
      case DIRECTORY -> "d";
      case FILE -> "f";
      case SYMLINK -> "l";
      case HARDLINK -> "h";
      case OTHER -> "o";
      case WHITEOUT, OPAQUE -> null;
    };
    if (kind == null) {
      return null;
    }
    if (entry.isSetuid()) {
      kind += "u";
    }
    if (entry.isSetgid()) {
      kind += "g";
    }
    return kind;
  }

  public static boolean isDirectory(String code) {
    return code.startsWith("d");
  }

  /** True for files, links and hard links: what a shell or tool path can be. */
  public static boolean isFileLike(String code) {
    char c = code.charAt(0);
    return c == 'f' || c == 'l' || c == 'h';
  }

  public static boolean isSetuid(String code) {
    return code.indexOf('u') > 0;
  }

  public static boolean isSetgid(String code) {
    return code.indexOf('g') > 0;
  }
}
