package io.drydock.scan.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python {@code packaging.version.Version} (python3 on the test machine) against {@link Pep440VersionScheme}. */
class Pep440OracleIT {

  private static final String SCRIPT =
      String.join(
          "\n",
          "import sys",
          "from packaging.version import Version, InvalidVersion",
          "out = []",
          "for line in open('pairs.tsv', encoding='utf-8'):",
          "    a, b = line.rstrip('\\n').split('\\t')",
          "    try:",
          "        x, y = Version(a), Version(b)",
          "        out.append('<' if x < y else '=' if x == y else '>')",
          "    except InvalidVersion:",
          "        out.append('E')",
          "sys.stdout.write('\\n'.join(out) + '\\n')",
          "");

  @Test
  void agreesWithPythonPackaging(@TempDir Path dir) throws Exception {
    List<Oracle.Pair> pairs = new ArrayList<>(Oracle.vectorPairs("pypi-versions.txt", "pypi-versions-generated.txt"));
    List<String> versions = Oracle.vectorVersions("pypi-versions.txt", "pypi-versions-generated.txt");
    List<String> spellings =
        List.of("1.0", "1.0.0", "v1.0", "1!0.5", "1.0a1", "1.0alpha1", "1.0-a-1", "1.0.a.1", "1.0A1", "1.0b2", "1.0c1",
            "1.0rc1", "1.0pre1", "1.0preview1", "1.0.post1", "1.0-1", "1.0post", "1.0.rev2", "1.0r3", "1.0.dev1",
            "1.0dev", "1.0a1.dev1", "1.0.post1.dev2", "1.0+local", "1.0+local.7", "1.0+7", "1.0+abc.5", "1.0+5.abc",
            "1.0+ubuntu-1", " 1.0 ", "1.0a", "01.00", "1.0.0.0.0", "0", "0.0", "1.0_1", "1.0-", "1.0+", "1.0.x");
    pairs.addAll(Oracle.randomPairs(versions, 3000, 440));
    for (String a : spellings) {
      for (String b : spellings) {
        pairs.add(new Oracle.Pair(a, b));
      }
    }
    Oracle.writePairs(dir, pairs);
    java.nio.file.Files.writeString(dir.resolve("oracle.py"), SCRIPT);
    List<String> answers = Oracle.run(List.of("python3", "oracle.py"), dir, 600);
    int agreed = Oracle.assertAgrees("pep440", VersionSchemes.pep440(), pairs, answers);
    assertThat(agreed).isGreaterThanOrEqualTo(10_000);
  }
}
