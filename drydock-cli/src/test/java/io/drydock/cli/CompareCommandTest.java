package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
  private static final Path ADVISORIES = Cli.REPO.resolve("drydock-scan/src/test/resources/advisories");

  @TempDir Path cache;

  @Test
  void comparesSizePackagesAndVulnerabilitiesOfTwoImages() throws Exception {
    Cli imported = Cli.run("db", "import", "--cache-dir", cache.toString(),
        ADVISORIES.resolve("lang-advisories.zip").toString(), ADVISORIES.resolve("alpine/v3.20/main").toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();

    Cli cli = Cli.run("compare", "--cache-dir", cache.toString(), "--format", "json",
        Cli.testImage("alpine-3.20.3.oci.tar").toString(), Cli.testImage("lang-packages.oci.tar").toString());
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    JsonNode images = new ObjectMapper().readTree(cli.out()).path("images");
    JsonNode alpine = images.get(0);
    JsonNode lang = images.get(1);
    assertThat(alpine.path("packages").asInt()).isEqualTo(14);
    assertThat(lang.path("packages").asInt()).isEqualTo(47);
    assertThat(alpine.path("layers").asInt()).isEqualTo(1);
    assertThat(lang.path("layers").asInt()).isEqualTo(4);
    // per binary package: openssl 22 x 2, musl 3 x 2, busybox 2 x 3 (the secdb expectation of the fixtures)
    int alpineTotal = 0;
    for (io.drydock.model.Severity s : io.drydock.model.Severity.values()) {
      alpineTotal += alpine.path("vulnerabilities").path(s.name()).asInt();
    }
    assertThat(alpineTotal).isEqualTo(56);
    assertThat(alpine.path("vulnerabilities").path("fixable").asInt()).isEqualTo(56);
    assertThat(lang.path("vulnerabilities").path("CRITICAL").asInt()).isGreaterThan(0);
    assertThat(lang.path("size").asLong()).isGreaterThan(alpine.path("size").asLong());
    assertThat(alpine.path("shell").asBoolean()).isTrue();
    assertThat(alpine.path("runsAsRoot").asBoolean()).isTrue();
  }

  @Test
  void withoutADbVulnerabilitiesAreNotComparedAndTheUserIsTold() {
    Cli cli = Cli.run("compare", "--cache-dir", cache.toString(),
        Cli.testImage("alpine-3.20.3.oci.tar").toString(), Cli.testImage("whiteout.oci.tar").toString());
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.err()).contains("no vulnerability DB");
    assertThat(cli.out()).contains("n/a (no DB)").containsPattern("Packages +14 +13");
  }

  @Test
  void oneImageIsAUsageError() {
    Cli cli = Cli.run("compare", Cli.testImage("alpine-3.20.3.oci.tar").toString());
    assertThat(cli.exitCode()).isEqualTo(2);
  }
}
