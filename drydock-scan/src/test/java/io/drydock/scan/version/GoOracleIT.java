package io.drydock.scan.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code golang.org/x/mod/semver.Compare}, built from the copy the Go toolchain vendors
 * ({@code $GOROOT/src/cmd/vendor/golang.org/x/mod/semver}, so no download), against {@link GoVersionScheme}.
 */
class GoOracleIT {

  @Test
  void agreesWithGolangXModSemver(@TempDir Path dir) throws Exception {
    String goroot = Oracle.run(List.of("go", "env", "GOROOT"), dir, 60).get(0).strip();
    Path vendored = Path.of(goroot, "src/cmd/vendor/golang.org/x/mod/semver/semver.go");
    assertThat(vendored).as("Go toolchain's vendored x/mod/semver").exists();
    Files.createDirectories(dir.resolve("semver"));
    Files.copy(vendored, dir.resolve("semver/semver.go"));
    Files.writeString(dir.resolve("go.mod"), "module oracle\n\ngo 1.17\n");
    Files.writeString(
        dir.resolve("main.go"),
        String.join(
            "\n",
            "package main",
            "import (\"bufio\"; \"fmt\"; \"os\"; \"strings\"; \"oracle/semver\")",
            "func main() {",
            "  f, _ := os.Open(\"pairs.tsv\")",
            "  s := bufio.NewScanner(f)",
            "  s.Buffer(make([]byte, 1<<20), 1<<20)",
            "  w := bufio.NewWriter(os.Stdout)",
            "  for s.Scan() {",
            "    p := strings.SplitN(s.Text(), \"\\t\", 2)",
            "    fmt.Fprintln(w, semver.Compare(p[0], p[1]))",
            "  }",
            "  w.Flush()",
            "}",
            ""));
    List<Oracle.Pair> pairs = new ArrayList<>();
    // Real versions from the npm registry, as Go writes them (v prefix), plus Go-specific forms.
    List<List<String>> lists = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : Oracle.npmRegistryVersions().entrySet()) {
      lists.add(e.getValue().stream().map(v -> "v" + v).toList());
    }
    lists.add(
        List.of("v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-000000000000", "v1.2.3-pre.0.20191109021931-daa7c04131f5",
            "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.3", "v1.2.4", "v2.0.0+incompatible", "v2.0.1+incompatible",
            "v1", "v1.2", "v1.2.0", "v1.2-pre", "v01.2.3", "v1.2.3-01", "v1.2.3-0", "v1.2.3-a.b", "1.2.3", "v1.2.3+meta",
            "v1.2.3-rc.1+meta", "", "v", "vx", "v1.2.3-", "v1.2.3.4"));
    pairs.addAll(Oracle.pairsWithin(lists, 4000, 9));
    List<String> go = lists.get(lists.size() - 1);
    for (String a : go) {
      for (String b : go) {
        pairs.add(new Oracle.Pair(a, b));
      }
    }
    Oracle.writePairs(dir, pairs);
    Oracle.run(List.of("go", "build", "-o", "oracle", "."), dir, 300);
    List<String> answers = Oracle.run(List.of(dir.resolve("oracle").toString()), dir, 300);
    int agreed = Oracle.assertAgrees("go", new GoStrictForOracle(), pairs, answers);
    assertThat(agreed).isGreaterThanOrEqualTo(10_000);
  }

  /**
   * x/mod/semver requires the {@code v}; drydock's Go scheme also accepts OSV's spelling without it. For the
   * oracle, a version without {@code v} is invalid like x/mod/semver says.
   */
  private static final class GoStrictForOracle implements VersionScheme {
    private final VersionScheme go = VersionSchemes.go();

    @Override
    public int compare(String a, String b) {
      boolean va = isValid(a);
      boolean vb = isValid(b);
      if (!va || !vb) {
        return Boolean.compare(va, vb);
      }
      return go.compare(a, b);
    }

    @Override
    public boolean isValid(String version) {
      return version.startsWith("v") && go.isValid(version);
    }

    @Override
    public String name() {
      return "go-strict";
    }
  }
}
