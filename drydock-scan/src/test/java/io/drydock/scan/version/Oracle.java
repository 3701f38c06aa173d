package io.drydock.scan.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Runs an ecosystem's real version-comparison tool over thousands of pairs in one process and checks a
 * {@link VersionScheme} against it. The tool reads a file of {@code A<TAB>B} lines and prints one line per pair:
 * {@code <}, {@code =}, {@code >} (or {@code -1}, {@code 0}, {@code 1}), or {@code E} where it refuses the pair.
 */
final class Oracle {
  private Oracle() {}

  record Pair(String a, String b) {}

  /** The pairs of vector files. */
  static List<Pair> vectorPairs(String... files) {
    List<Pair> out = new ArrayList<>();
    for (String f : files) {
      for (VectorFile v : VectorFile.load(f)) {
        out.add(new Pair(v.a(), v.b()));
      }
    }
    return out;
  }

  /** Distinct version strings of vector files, in file order. */
  static List<String> vectorVersions(String... files) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (Pair p : vectorPairs(files)) {
      out.add(p.a());
      out.add(p.b());
    }
    return List.copyOf(out);
  }

  /** npm-registry-versions.txt: package name to its published versions in registry order. */
  static Map<String, List<String>> npmRegistryVersions() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : lines("npm-registry-versions.txt")) {
      if (line.startsWith("# package ")) {
        current = new ArrayList<>();
        out.put(line.substring("# package ".length()), current);
      } else if (!line.startsWith("#") && !line.isBlank() && current != null) {
        current.add(line.strip());
      }
    }
    return out;
  }

  /** Neighbouring pairs in each list, then {@code extra} random pairs within the lists (fixed seed). */
  static List<Pair> pairsWithin(Iterable<List<String>> lists, int extra, long seed) {
    List<Pair> out = new ArrayList<>();
    List<List<String>> all = new ArrayList<>();
    for (List<String> l : lists) {
      all.add(l);
      for (int i = 1; i < l.size(); i++) {
        out.add(new Pair(l.get(i - 1), l.get(i)));
      }
    }
    Random r = new Random(seed);
    for (int i = 0; i < extra; i++) {
      List<String> l = all.get(r.nextInt(all.size()));
      out.add(new Pair(l.get(r.nextInt(l.size())), l.get(r.nextInt(l.size()))));
    }
    return out;
  }

  /** {@code n} random pairs from {@code pool} (fixed seed). */
  static List<Pair> randomPairs(List<String> pool, int n, long seed) {
    Random r = new Random(seed);
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Pair(pool.get(r.nextInt(pool.size())), pool.get(r.nextInt(pool.size()))));
    }
    return out;
  }

  static List<String> lines(String resource) {
    List<String> out = new ArrayList<>();
    try (InputStream in =
            Objects.requireNonNull(Oracle.class.getResourceAsStream("/versions/" + resource), resource);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static Path writePairs(Path dir, List<Pair> pairs) throws IOException {
    Files.createDirectories(dir);
    Path f = dir.resolve("pairs.tsv");
    StringBuilder sb = new StringBuilder();
    for (Pair p : pairs) {
      if (p.a().contains("\t") || p.b().contains("\t") || p.a().contains("\n") || p.b().contains("\n")) {
        throw new IllegalArgumentException("pair with a tab or newline: " + p);
      }
      sb.append(p.a()).append('\t').append(p.b()).append('\n');
    }
    Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
    return f;
  }

  /** Runs {@code command} (which reads the pairs file itself) and returns its stdout lines. */
  static List<String> run(List<String> command, Path workDir, long timeoutSeconds) throws IOException, InterruptedException {
    Path out = workDir.resolve("oracle.out");
    Path err = workDir.resolve("oracle.err");
    Process p =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("oracle " + command + " did not finish in " + timeoutSeconds + " s");
    }
    if (p.exitValue() != 0) {
      fail("oracle " + command + " exited " + p.exitValue() + ": " + Files.readString(err));
    }
    return Files.readAllLines(out, StandardCharsets.UTF_8);
  }

  static int parse(String s) {
    return switch (s.strip()) {
      case "<", "-1" -> -1;
      case "=", "0" -> 0;
      case ">", "1" -> 1;
      case "E" -> Integer.MIN_VALUE;
      default -> throw new IllegalStateException("unexpected oracle answer '" + s + "'");
    };
  }

  /**
   * Compares the scheme with the oracle's answers; pairs the oracle refuses must have an invalid side. Writes
   * a summary to target/oracle-reports and returns the number of agreeing pairs.
   */
  static int assertAgrees(String name, VersionScheme scheme, List<Pair> pairs, List<String> answers)
      throws IOException {
    assertThat(answers).as("one oracle answer per pair").hasSize(pairs.size());
    List<String> wrong = new ArrayList<>();
    int agreed = 0;
    int refused = 0;
    for (int i = 0; i < pairs.size(); i++) {
      Pair p = pairs.get(i);
      int oracle = parse(answers.get(i));
      if (oracle == Integer.MIN_VALUE) {
        refused++;
        if (scheme.isValid(p.a()) && scheme.isValid(p.b())) {
          wrong.add(p.a() + " ? " + p.b() + ": oracle refuses the pair but the scheme accepts both");
        }
        continue;
      }
      int got = Integer.signum(scheme.compare(p.a(), p.b()));
      if (got != oracle) {
        wrong.add(p.a() + " " + VectorFile.op(oracle) + " " + p.b() + " (oracle) but scheme says " + VectorFile.op(got));
      } else {
        agreed++;
      }
    }
    Path reports = Path.of("target", "oracle-reports");
    Files.createDirectories(reports);
    Files.writeString(
        reports.resolve(name + ".txt"),
        name + ": " + pairs.size() + " pairs, " + agreed + " agree, " + refused + " refused by the oracle, "
            + wrong.size() + " disagree\n" + String.join("\n", wrong) + "\n");
    assertThat(wrong).as(name + " disagreements with the oracle").isEmpty();
    return agreed;
  }
}
