package io.drydock.scan.version;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One comparison of the vendored osv-scalibr vector files: {@code A <op> B}. */
record VectorFile(String file, int line, String a, int expected, String b) {

  private static final Pattern LINE = Pattern.compile("^(\\S+) ([<=>]) (\\S+)$");

  static List<VectorFile> load(String name) {
    List<VectorFile> out = new ArrayList<>();
    try (InputStream in =
            Objects.requireNonNull(VectorFile.class.getResourceAsStream("/versions/" + name), name);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#") || t.startsWith("//")) {
          continue;
        }
        Matcher m = LINE.matcher(t);
        if (!m.matches()) {
          throw new IllegalStateException(name + ":" + n + ": unparsable vector line: " + line);
        }
        int op = switch (m.group(2)) {
          case "<" -> -1;
          case "=" -> 0;
          default -> 1;
        };
        out.add(new VectorFile(name, n, m.group(1), op, m.group(3)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static String op(int c) {
    return c < 0 ? "<" : c == 0 ? "=" : ">";
  }

  @Override
  public String toString() {
    return file + ":" + line + " " + a + " " + op(expected) + " " + b;
  }
}
