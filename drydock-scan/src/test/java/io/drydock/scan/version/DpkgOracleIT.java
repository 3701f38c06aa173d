package io.drydock.scan.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dpkg's own {@code dpkg --compare-versions} (dpkg 1.21 on Debian 12) against {@link DpkgVersionScheme}. */
class DpkgOracleIT {

  @Test
  void agreesWithDpkgOnEveryDebianPair(@TempDir Path dir) throws Exception {
    List<Oracle.Pair> pairs = new ArrayList<>(Oracle.vectorPairs("debian-versions.txt", "debian-versions-generated.txt"));
    List<String> versions = Oracle.vectorVersions("debian-versions.txt", "debian-versions-generated.txt");
    // Cross pairs between unrelated real versions exercise epochs, tildes and odd revisions against each other.
    pairs.addAll(Oracle.randomPairs(versions, 2000, 12));
    Oracle.writePairs(dir, pairs);
    String script =
        "while IFS='\t' read -r a b; do"
            + " if dpkg --compare-versions \"$a\" lt \"$b\" 2>/dev/null; then echo '<';"
            + " elif dpkg --compare-versions \"$a\" eq \"$b\" 2>/dev/null; then echo '=';"
            + " else echo '>'; fi; done < pairs.tsv";
    List<String> answers = Oracle.run(List.of("sh", "-c", script), dir, 900);
    int agreed = Oracle.assertAgrees("dpkg", VersionSchemes.dpkg(), pairs, answers);
    assertThat(agreed).isGreaterThanOrEqualTo(10_000);
  }
}
