package io.drydock.scan.analyzer.dpkg;

import static io.drydock.scan.analyzer.ospkg.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.ospkg.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oracle: dpkg's own reader. Runs {@code dpkg-query} (package {@code dpkg}, present on every Debian/Ubuntu) on
 * the Debian 12 minbase status file and requires the same (package, version, source, source version) rows.
 */
class DpkgQueryOracleTest {

  @Test
  void bookwormMinbaseEqualsDpkgQuery(@TempDir Path dir) throws IOException, InterruptedException {
    byte[] status = Fixtures.bytes("/io/drydock/scan/analyzer/dpkg/debian-bookworm-minbase.dpkg-status");
    Files.write(dir.resolve("status"), status);
    Files.createDirectories(dir.resolve("info"));
    Files.createDirectories(dir.resolve("updates"));

    List<String> oracle = dpkgQuery(dir);

    AnalysisResult r = new DpkgAnalyzer().analyze(input("var/lib/dpkg/status", status));
    List<String> ours = r.packages().stream()
        .map(p -> p.name() + "\t" + p.version() + "\t" + p.sourceNameOrName() + "\t" + p.sourceVersionOrVersion())
        .sorted()
        .toList();
    assertThat(oracle).hasSize(88);
    assertThat(ours).containsExactlyElementsOf(oracle);
    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages().stream().map(p -> p.sourceNameOrName()).distinct().count()).isEqualTo(63);
  }

  private static List<String> dpkgQuery(Path admindir) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("dpkg-query", "--admindir=" + admindir, "-W",
          "-f", "${Package}\\t${Version}\\t${source:Package}\\t${source:Version}\\n")
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      return fail("dpkg-query is needed for this oracle test (apt-get install dpkg): " + e.getMessage());
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      return fail("dpkg-query failed");
    }
    return Arrays.stream(new String(out, StandardCharsets.UTF_8).split("\n"))
        .filter(l -> !l.isEmpty())
        .sorted()
        .toList();
  }
}
