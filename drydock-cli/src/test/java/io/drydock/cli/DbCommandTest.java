package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCommandTest {
  static final Path ADVISORIES = Cli.REPO.resolve("drydock-scan/src/test/resources/advisories");

  @TempDir Path cache;

  @Test
  void importThenStatus() throws Exception {
    Path junk = Files.writeString(cache.resolve("broken.json"), "{\"id\": ");
    Cli imported = Cli.run("db", "import", "--cache-dir", cache.toString(), ADVISORIES.resolve("lang-advisories.zip").toString(),
        ADVISORIES.resolve("alpine/v3.20/main").toString(), junk.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("Imported 735 advisories").contains("Skipped 1:").contains("broken.json: invalid JSON");

    Cli status = Cli.run("db", "status", "--cache-dir", cache.toString());
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).as(status.out()).contains("Schema version:  2").contains("Advisories:      735").contains("Skipped:         1")
        .containsPattern("Alpine:v3.20 +111").containsPattern("Maven +366").contains("lang-advisories.zip");
  }

  @Test
  void statusWithoutADbSaysWhatToRun() {
    Cli status = Cli.run("db", "status", "--cache-dir", cache.toString());
    assertThat(status.exitCode()).isEqualTo(7);
    assertThat(status.err()).contains("run drydock db update or drydock db import").doesNotContain("Exception");
  }

  @Test
  void updateFromAnUnreachableRepositoryFailsInOneLine() {
    Cli update = Cli.run("db", "update", "--cache-dir", cache.toString(), "--db-repository", "http://127.0.0.1:9", "--ecosystem", "Maven",
        "--timeout", "1");
    assertThat(update.exitCode()).isEqualTo(6);
    assertThat(update.err()).contains("Tried to download http://127.0.0.1:9/Maven/all.zip but failed because:")
        .doesNotContain("Exception:");
  }
}
