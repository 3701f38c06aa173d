package io.drydock.refs.find;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A file the finder read: its text (as decoded from UTF-8, so that rewriting can keep every other byte), its kind,
 * the references in it and, for a Dockerfile, its instructions.
 */
public record SourceFile(Path path, FileKind kind, String text, @Nullable Dockerfile dockerfile, List<FoundRef> refs) {
  public SourceFile {
    refs = List.copyOf(refs);
  }
}
