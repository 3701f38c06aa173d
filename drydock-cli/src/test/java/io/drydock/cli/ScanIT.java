package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drydock scan} against the test registry: the CI gate on a real pull. */
class ScanIT {
  private static String registry;

  @TempDir Path tmp;

  @BeforeAll
  static void environment() {
    registry = System.getenv("DRYDOCK_TEST_REGISTRY");
    assertThat(registry).as("DRYDOCK_TEST_REGISTRY unset: run scripts/test-env.sh up").isNotBlank();
  }

  @Test
  void alpineFromTheRegistryFailsTheGateWithExitCodeOne() {
    Path db = ScanFixtures.alpineDb(tmp, Clock.systemUTC());
    Cli cli = Cli.run("scan", "--cache-dir", tmp.resolve("cache").toString(), "--db", db.toString(), "--exit-code", "1",
        registry + "/fixtures/alpine:3.20.3");
    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(1);
    assertThat(cli.out()).contains(registry + "/fixtures/alpine:3.20.3 (alpine 3.20.3)", "Total: 56", "CVE-2024-9143");
  }

  @Test
  void theSameImageIsCleanForTheGateWhenEveryFindingIsIgnored() throws Exception {
    Path db = ScanFixtures.alpineDb(tmp, Clock.systemUTC());
    Path json = tmp.resolve("report.json");
    Cli first = Cli.run("scan", "--cache-dir", tmp.resolve("cache").toString(), "--db", db.toString(), "--format", "json", "-o",
        json.toString(), registry + "/fixtures/alpine:3.20.3");
    assertThat(first.exitCode()).as(first.err()).isZero();
    StringBuilder ignore = new StringBuilder();
    ScanFixtures.JSON.readTree(json.toFile()).get("findings").forEach(f -> ignore.append(f.get("id").asText()).append('\n'));
    Path file = java.nio.file.Files.writeString(tmp.resolve(".trivyignore"), ignore);
    Cli cli = Cli.run("scan", "--cache-dir", tmp.resolve("cache").toString(), "--db", db.toString(), "--exit-code", "1", "--ignorefile",
        file.toString(), registry + "/fixtures/alpine:3.20.3");
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("Total: 0", "Suppressed Vulnerabilities (Total: 56)");
  }

  @Test
  void anImageThatDoesNotExistIsExitFour() {
    Path db = ScanFixtures.alpineDb(tmp, Clock.systemUTC());
    Cli cli = Cli.run("scan", "--cache-dir", tmp.resolve("cache").toString(), "--db", db.toString(), registry + "/fixtures/nope:1");
    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(4);
    assertThat(cli.err()).hasLineCount(1);
  }
}
