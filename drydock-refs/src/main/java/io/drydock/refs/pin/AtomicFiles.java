package io.drydock.refs.pin;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces several files all-or-nothing as far as a file system allows: every new content is first written to a
 * temporary file beside its target (same directory, so the move is a rename), and only when all are written are
 * they moved over their targets with {@code ATOMIC_MOVE}. A file whose content changed since it was read is not
 * touched (CONFLICT).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** A file's expected current text and its new text, both in {@code charset}. */
  public record Replacement(Path file, String expected, String replacement, Charset charset) {
    public Replacement(Path file, String expected, String replacement) {
      this(file, expected, replacement, StandardCharsets.UTF_8);
    }
  }

  public static void replaceAll(List<Replacement> replacements) throws IOException {
    Map<Path, Path> temps = new LinkedHashMap<>();
    try {
      for (Replacement r : replacements) {
        String now = new String(Files.readAllBytes(r.file()), r.charset());
        if (!now.equals(r.expected())) {
          throw new DrydockException(ErrorKind.CONFLICT, "Tried to rewrite " + r.file()
              + " but failed because: it changed since it was read; run again");
        }
        Path dir = r.file().toAbsolutePath().getParent();
        Path fileName = r.file().getFileName();
        Path tmp = Files.createTempFile(dir, "." + fileName, ".drydock-tmp");
        temps.put(r.file(), tmp);
        Files.writeString(tmp, r.replacement(), r.charset());
        copyPermissions(r.file(), tmp);
      }
      for (Map.Entry<Path, Path> e : temps.entrySet()) {
        try {
          Files.move(e.getValue(), e.getKey(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException ex) {
          Files.move(e.getValue(), e.getKey(), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      temps.clear();
    } finally {
      for (Path tmp : temps.values()) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    if (view != null) {
      Set<PosixFilePermission> perms = view.readAttributes().permissions();
      Files.setPosixFilePermissions(to, perms);
    }
  }
}
