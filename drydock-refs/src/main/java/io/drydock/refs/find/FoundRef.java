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
 * @param written the reference as the file states it, variables resolved (ARG defaults, Compose interpolation;
 *     Helm fields joined)
 * @param image the parsed reference, or null when {@link #problem} says why it could not be read
 * @param site where its text sits, for rewriting
 * @param platform the {@code --platform} of a Dockerfile {@code FROM}, else null
 * @param problem why the reference could not be parsed, else null
 * @param role whether it is pulled from a registry, built here, or only renames an image
 * @param variables the variables it depends on, when its text holds any, else null
 * @param note what a reader should know about it (built by a compose service, overridden by another file, …)
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
    @Nullable String problem,
    RefRole role,
    @Nullable Variables variables,
    @Nullable String note) {

  /** A reference pulled from a registry, with no variables and no note. */
  public FoundRef(Path file, int line, int column, RefKind kind, String written, @Nullable ImageRef image, Site site,
      @Nullable String platform, @Nullable String problem) {
    this(file, line, column, kind, written, image, site, platform, problem, RefRole.PULLED, null, null);
  }

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

  /** Whether it names an image pulled from a registry (what pin, outdated and the tag rules are about). */
  public boolean isPulled() {
    return role == RefRole.PULLED;
  }

  /** The same reference with another role and note. */
  public FoundRef withRole(RefRole newRole, @Nullable String newNote) {
    return new FoundRef(file, line, column, kind, written, image, site, platform, problem, newRole, variables, newNote);
  }

  /** The same reference with a note (added to any it has). */
  public FoundRef withNote(String more) {
    return new FoundRef(file, line, column, kind, written, image, site, platform, problem, role, variables,
        note == null ? more : note + "; " + more);
  }
}
