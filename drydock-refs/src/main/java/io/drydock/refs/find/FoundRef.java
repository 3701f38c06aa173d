package io.drydock.refs.find;

import io.drydock.model.ImageRef;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * An image reference found in a file.
 *
 * @param file the file
 * @param line 1-based line of the reference text
 * @param column 1-based column (in code points) of the reference text
 * @param kind what kind of place it was found in
 * @param written the reference as the file states it (ARG defaults substituted; Helm fields joined)
 * @param image the parsed reference, or null when {@link #problem} says why it could not be read
 * @param site where its text sits, for rewriting
 * @param platform the {@code --platform} of a Dockerfile {@code FROM}, else null
 * @param problem why the reference could not be parsed, else null
 */
public record FoundRef(
    Path file,
    int line,
    int column,
    RefKind kind,
    String written,
    @Nullable ImageRef image,
    Site site,
    @Nullable String platform,
    @Nullable String problem) {

  /** {@code file:line:column}. */
  public String location() {
    return file + ":" + line + ":" + column;
  }

  public boolean isPinned() {
    return image != null && image.digest() != null;
  }

  public boolean isRewritable() {
    return image != null && !(site instanceof Site.Fixed);
  }
}
