package io.drydock.image.oci;

import io.drydock.model.DrydockException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The {@code PATH[:ref]} part of {@code oci:}, {@code oci-archive:} and {@code docker-archive:} references. As
 * in skopeo the path ends at the first colon, so the ref may itself contain colons
 * ({@code docker-archive:x.tar:alpine:3.20}); a path that exists as written wins, so paths with colons work too.
 */
public record PathAndRef(Path path, @Nullable String ref) {

  /** Parses {@code reference}, which must start with {@code scheme:}. */
  public static PathAndRef parse(String scheme, String reference) {
    String prefix = scheme + ":";
    if (!reference.startsWith(prefix)) {
      throw DrydockException.usage("Tried to read '" + reference + "' as a " + scheme + " reference but failed because: it does not start with " + prefix);
    }
    String rest = reference.substring(prefix.length());
    if (rest.isEmpty()) {
      throw DrydockException.usage("Tried to read '" + reference + "' but failed because: no path given; expected " + prefix + "PATH[:REF]");
    }
    try {
      if (Files.exists(Path.of(rest))) {
        return new PathAndRef(Path.of(rest), null);
      }
      int colon = rest.indexOf(':');
      if (colon < 0) {
        return new PathAndRef(Path.of(rest), null);
      }
      String ref = rest.substring(colon + 1);
      return new PathAndRef(Path.of(rest.substring(0, colon)), ref.isEmpty() ? null : ref);
    } catch (InvalidPathException e) {
      throw DrydockException.usage("Tried to read '" + reference + "' but failed because: invalid path (" + e.getReason() + ")");
    }
  }
}
