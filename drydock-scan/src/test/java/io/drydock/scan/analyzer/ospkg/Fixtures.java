package io.drydock.scan.analyzer.ospkg;

import io.drydock.image.layer.LayerEntry;
import io.drydock.scan.analyzer.AnalysisInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: class-path fixtures, txtar archives, layer entries. */
public final class Fixtures {
  private Fixtures() {}

  public static byte[] bytes(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8);
  }

  public static LayerEntry file(String path, long size) {
    return new LayerEntry(path, LayerEntry.Type.FILE, size, 0644, null, 0, 0);
  }

  public static LayerEntry entry(String path, LayerEntry.Type type) {
    return new LayerEntry(path, type, 0, 0644, type == LayerEntry.Type.SYMLINK ? "target" : null, 0, 0);
  }

  public static AnalysisInput input(String path, byte[] content) {
    return new AnalysisInput(file(path, content.length), new ByteArrayInputStream(content));
  }

  /** The files of a txtar archive (golang.org/x/tools/txtar): "-- name --" lines start each file. */
  public static Map<String, String> txtar(String archive) {
    Map<String, String> files = new LinkedHashMap<>();
    String name = null;
    StringBuilder body = new StringBuilder();
    for (String line : archive.split("\n", -1)) {
      if (line.startsWith("-- ") && line.endsWith(" --") && line.length() > 6) {
        if (name != null) {
          files.put(name, body.toString());
        }
        name = line.substring(3, line.length() - 3).trim();
        body.setLength(0);
      } else if (name != null) {
        body.append(line).append('\n');
      }
    }
    if (name != null) {
      files.put(name, body.toString());
    }
    return files;
  }
}
