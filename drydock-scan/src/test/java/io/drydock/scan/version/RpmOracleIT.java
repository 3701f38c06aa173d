package io.drydock.scan.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rpm 4.18's {@code rpm.vercmp} (run through {@code rpm --eval} with a Lua loop) against {@link RpmVersionScheme}. */
class RpmOracleIT {

  /** Hand-made pairs around rpm's special characters, which the real-world pools rarely contain. */
  private static final List<String> SPECIAL =
      List.of("1.0", "1.0~rc1", "1.0~rc1~1", "1.0^", "1.0^1", "1.0^git1~1", "1.0~~", "1.0-1", "1.0-1~1", "1.0-1^1",
          "1:1.0", "0:1.0", "2:0.1", "1.0-", "1.0_1", "1.0+1", "1.00", "1.0a", "1.0A", "a", "", "1..0", "1.0.0",
          "1.0-1.el9", "1.0-1.el9_2", "1.0-1.fc38", "20230101git1234", "1.0^20230101git1234.fc38");

  @Test
  void agreesWithRpmVercmp(@TempDir Path dir) throws Exception {
    List<Oracle.Pair> pairs = new ArrayList<>(Oracle.vectorPairs("redhat-versions.txt"));
    pairs.addAll(Oracle.vectorPairs("debian-versions-generated.txt", "alpine-versions-generated.txt"));
    for (String a : SPECIAL) {
      for (String b : SPECIAL) {
        pairs.add(new Oracle.Pair(a, b));
      }
    }
    Oracle.writePairs(dir, pairs);
    String lua =
        "%{lua: local nl = string.char(10); local tab = string.char(9);"
            + " for line in io.lines('" + dir.resolve("pairs.tsv") + "') do"
            + " local i = string.find(line, tab, 1, true);"
            + " local ok, r = pcall(rpm.vercmp, string.sub(line, 1, i - 1), string.sub(line, i + 1));"
            + " if ok then print(r .. nl) else print('E' .. nl) end end}";
    List<String> answers = new ArrayList<>(Oracle.run(List.of("rpm", "--eval", lua), dir, 600));
    // rpm --eval ends the expansion with one more newline.
    while (!answers.isEmpty() && answers.get(answers.size() - 1).isBlank()) {
      answers.remove(answers.size() - 1);
    }
    int agreed = Oracle.assertAgrees("rpm", VersionSchemes.rpm(), pairs, answers);
    assertThat(agreed).isGreaterThanOrEqualTo(10_000);
  }
}
