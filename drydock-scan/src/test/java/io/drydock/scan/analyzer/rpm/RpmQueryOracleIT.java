package io.drydock.scan.analyzer.rpm;

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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Oracle: rpm itself ({@code rpm --dbpath DIR -qa}, rpm 4.18 from Debian, installed by scripts/test-env.sh).
 * Debian's rpm reads SQLite and, read-only, Berkeley DB; it has no NDB backend, so NDB is checked against the
 * upstream expectation in {@link RpmAnalyzerTest} instead.
 */
class RpmQueryOracleIT {
  private static final String QF = "%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\t%{LICENSE}\\n";

  @ParameterizedTest
  @CsvSource({"rpmdb.sqlite,sqlite", "Packages,bdb_ro"})
  void sameAsRpmQa(String file, String backend, @TempDir Path dir) throws IOException, InterruptedException {
    Path db = dir.resolve("db");
    Files.createDirectories(db);
    Files.write(db.resolve(file), Fixtures.bytes(RpmAnalyzerTest.DIR + file));

    List<String> oracle = rpmQa(db, backend);

    AnalysisResult r = RpmAnalyzer.read(db.resolve(file), "var/lib/rpm/" + file);
    List<String> ours = r.packages().stream()
        .map(p -> p.name() + "\t" + p.version() + "\t" + p.arch() + "\t"
            + p.sourceNameOrName() + "-" + p.sourceVersionOrVersion().replaceFirst("^\\d+:", "") + ".src.rpm\t"
            + p.licenses().get(0))
        .sorted()
        .toList();
    assertThat(oracle).isNotEmpty();
    assertThat(ours).containsExactlyElementsOf(oracle);
    assertThat(r.skipped()).isEmpty();
  }

  private static List<String> rpmQa(Path dbpath, String backend) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("rpm", "--dbpath", dbpath.toString(), "--define", "_db_backend " + backend,
          "-qa", "--qf", QF)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      return fail("rpm is needed for this oracle test; run scripts/test-env.sh up (it installs rpm): " + e.getMessage());
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      return fail("rpm -qa failed on " + dbpath);
    }
    return Arrays.stream(new String(out, StandardCharsets.UTF_8).split("\n"))
        .filter(l -> !l.isEmpty() && !l.startsWith("gpg-pubkey\t"))
        .sorted()
        .toList();
  }
}
