package io.drydock.refs.find;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A file the finder read: its text (decoded from {@code charset}, so that rewriting can write every other byte back
 * as it was), its kind, the references in it and, for a Dockerfile, its instructions.
 *
 * @param charset UTF-8, or ISO-8859-1 for a Dockerfile that is not UTF-8 (its comments, usually)
 */
public record SourceFile(Path path, FileKind kind, String text, @Nullable Dockerfile dockerfile, List<FoundRef> refs,
    Charset charset) {
  public SourceFile {
    refs = List.copyOf(refs);
  }

  public SourceFile(Path path, FileKind kind, String text, @Nullable Dockerfile dockerfile, List<FoundRef> refs) {
    this(path, kind, text, dockerfile, refs, StandardCharsets.UTF_8);
  }

  /** The same file with other references. */
  public SourceFile withRefs(List<FoundRef> newRefs) {
    return new SourceFile(path, kind, text, dockerfile, newRefs, charset);
  }
}
