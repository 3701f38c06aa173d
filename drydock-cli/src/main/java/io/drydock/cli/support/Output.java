package io.drydock.cli.support;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;

/** Writes a report to stdout, or atomically to {@code --output FILE} (a failed run leaves the old file). */
public final class Output {
  private Output() {}

  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  public static void write(@Nullable Path file, PrintStream stdout, Body body) throws IOException {
    if (file == null) {
      body.writeTo(stdout);
      stdout.flush();
      return;
    }
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new DrydockException(ErrorKind.USAGE, "Tried to write " + file + " but failed because: directory " + dir + " does not exist");
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        body.writeTo(out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
