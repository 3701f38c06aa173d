package io.drydock.refs.find;

import io.drydock.model.DrydockException;
import io.drydock.model.Skip;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds image references in Dockerfiles, compose files, Kubernetes manifests, Helm values and kustomizations.
 * Files named on the command line must parse (else INVALID_INPUT with file:line); files met while walking a
 * directory that do not parse are skipped and reported.
 */
public final class RefFinder {
  /** Files larger than this are not read. */
  public static final int MAX_FILE_BYTES = 4 << 20;
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".hg", ".svn", "node_modules", "vendor", "target",
      ".terraform", ".idea");
  private static final Pattern LOOKS_LIKE_DOCKERFILE = Pattern.compile("(?im)^\\s*FROM\\s+\\S");
  private final EventSink events;

  public RefFinder(EventSink events) {
    this.events = events;
  }

  /** What was found: every file read (with its refs) and what was skipped. */
  public record Result(List<SourceFile> files, List<Skip> skips) {
    public Result {
      files = List.copyOf(files);
      skips = List.copyOf(skips);
    }

    public List<FoundRef> refs() {
      return files.stream().flatMap(f -> f.refs().stream()).toList();
    }
  }

  /** Reads each path: a file as its name (or content) says, a directory recursively. */
  public Result find(List<Path> paths) throws IOException {
    List<SourceFile> files = new ArrayList<>();
    List<Skip> skips = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        for (Path f : walk(p)) {
          try {
            Optional<FileKind> kind = FileKind.byName(f);
            if (kind.isPresent()) {
              files.add(read(f, kind.get()));
            }
          } catch (DrydockException e) {
            skips.add(new Skip(f.toString(), e.getMessage()));
            events.warn("skipped " + f + ": " + e.getMessage());
          }
        }
      } else if (Files.isRegularFile(p)) {
        FileKind kind = FileKind.byName(p).orElse(null);
        if (kind == null) {
          String text = decode(p, readBounded(p));
          kind = LOOKS_LIKE_DOCKERFILE.matcher(text).find() ? FileKind.DOCKERFILE : FileKind.YAML;
        }
        files.add(read(p, kind));
      } else {
        throw DrydockException.notFound("Tried to read " + p + " but failed because: no such file or directory");
      }
    }
    return new Result(files, skips);
  }

  /** Reads one file as the given kind. */
  public static SourceFile read(Path file, FileKind kind) throws IOException {
    return parse(file, decode(file, readBounded(file)), kind);
  }

  /** Finds the references in {@code text} as if it were {@code file} (pure). */
  public static SourceFile parse(Path file, String text, FileKind kind) {
    if (kind == FileKind.DOCKERFILE) {
      DockerfileParser.Parsed p = DockerfileParser.parse(file, text);
      return new SourceFile(file, kind, text, p.dockerfile(), p.refs());
    }
    return new SourceFile(file, kind, text, null, YamlRefs.find(file, text, kind));
  }

  private static byte[] readBounded(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw DrydockException.invalidInput("Tried to read " + file + " but failed because: it has " + size
          + " bytes, more than the " + MAX_FILE_BYTES + " allowed");
    }
    return Files.readAllBytes(file);
  }

  static String decode(Path file, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw DrydockException.invalidInput("Tried to read " + file + " but failed because: it is not UTF-8 text");
    }
  }

  private static List<Path> walk(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    Files.walkFileTree(root, Set.of(), 32, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        Path name = dir.getFileName();
        if (!dir.equals(root) && name != null && SKIPPED_DIRS.contains(name.toString())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        // a Helm chart's templates are Go templates, not YAML
        Path parent = dir.getParent();
        if (name != null && name.toString().equals("templates") && parent != null
            && Files.exists(parent.resolve("Chart.yaml"))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
          out.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) {
        return FileVisitResult.CONTINUE;
      }
    });
    out.sort(null);
    return out;
  }
}
