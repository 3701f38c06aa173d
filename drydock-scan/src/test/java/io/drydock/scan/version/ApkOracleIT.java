package io.drydock.scan.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * apk-tools 2.14.4 ({@code apk version -t} inside localhost/fixtures/alpine:3.20.3, run with podman) against
 * {@link ApkVersionScheme}; all pairs go through one container.
 */
class ApkOracleIT {

  static final String IMAGE = "localhost/fixtures/alpine:3.20.3";

  @Test
  void agreesWithApkTools(@TempDir Path dir) throws Exception {
    List<String> exists = Oracle.run(List.of("sh", "-c", "podman image exists " + IMAGE + " && echo yes || echo no"), dir, 120);
    if (!exists.contains("yes")) {
      fail("image " + IMAGE + " is not in podman storage: run scripts/test-env.sh up");
    }
    List<Oracle.Pair> pairs = new ArrayList<>(Oracle.vectorPairs("alpine-versions.txt", "alpine-versions-generated.txt"));
    Oracle.writePairs(dir, pairs);
    String loop =
        "while IFS=\"$(printf '\\t')\" read -r a b; do r=$(apk version -t \"$a\" \"$b\" 2>/dev/null); echo \"${r:-E}\"; done < /v/pairs.tsv";
    List<String> answers =
        Oracle.run(
            List.of("podman", "run", "--rm", "--network", "none", "-v", dir.toAbsolutePath() + ":/v:ro", IMAGE, "sh", "-c", loop),
            dir, 900);
    int agreed = Oracle.assertAgrees("apk", VersionSchemes.apk(), pairs, answers);
    assertThat(agreed).isGreaterThanOrEqualTo(10_000);
  }
}
