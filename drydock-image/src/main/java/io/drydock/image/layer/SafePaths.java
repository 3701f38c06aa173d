package io.drydock.image.layer;

import org.jspecify.annotations.Nullable;

/** Pure path rules for tar entry names. */
final class SafePaths {
  private SafePaths() {}

  /**
   * The entry name made relative to the image root: leading '/' and './' removed, '.' and empty components
   * dropped, '..' resolved. Returns "" for the root itself and null when the name escapes the root.
   */
  static @Nullable String normalise(String raw) {
    if (raw.indexOf('\0') >= 0) {
      return null;
    }
    StringBuilder out = new StringBuilder(raw.length());
    int start = 0;
    int length = raw.length();
    while (start <= length) {
      int slash = raw.indexOf('/', start);
      int end = slash < 0 ? length : slash;
      int componentLength = end - start;
      if (componentLength == 0 || (componentLength == 1 && raw.charAt(start) == '.')) {
        // empty or '.': nothing to add
      } else if (componentLength == 2 && raw.charAt(start) == '.' && raw.charAt(start + 1) == '.') {
        if (out.length() == 0) {
          return null;
        }
        int cut = out.lastIndexOf("/");
        out.setLength(Math.max(cut, 0));
      } else {
        if (out.length() > 0) {
          out.append('/');
        }
        out.append(raw, start, end);
      }
      if (slash < 0) {
        break;
      }
      start = slash + 1;
    }
    return out.toString();
  }

  /** The last component of a normalised path. */
  static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The parent of a normalised path; "" for a top-level name. */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }

  /** The raw name shortened for a message, without control characters. */
  static String printable(String raw) {
    String shortened = raw.length() > 200 ? raw.substring(0, 200) + "…" : raw;
    StringBuilder out = new StringBuilder(shortened.length());
    for (int i = 0; i < shortened.length(); i++) {
      char c = shortened.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.toString();
  }
}
