package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger end to end against real Podman (a running container), the real registry, real advisories and both
 * databases: inventory sync with analysis, a rescan after a DB with more advisories, affected, audit verify/export,
 * report.
 */
class LedgerIT {
  private static String registry;
  private static String dockerHost;

  @TempDir Path tmp;
  private final List<String> containers = new ArrayList<>();

  @BeforeAll
  static void environment() {
    registry = System.getenv("DRYDOCK_TEST_REGISTRY");
    dockerHost = System.getenv("DOCKER_HOST");
    assertThat(registry).as("DRYDOCK_TEST_REGISTRY unset: run scripts/test-env.sh up").isNotBlank();
    assertThat(dockerHost).as("DOCKER_HOST unset: run scripts/test-env.sh up").isNotBlank();
  }

  @AfterEach
  void removeContainers() throws Exception {
    for (String c : containers) {
      podman("rm", "-f", "-t", "0", c);
    }
  }

  static String podman(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("podman"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
    return out.strip();
  }

  String run(String name, String image) throws Exception {
    containers.add(name);
    podman("run", "-d", "--name", name, "--network", "host", "--label", "io.drydock.service=edge", "--label",
        "io.drydock.tier=tier0", image, "sleep", "600");
    return name;
  }

  @Test
  void sqlite() throws Exception {
    scenario(tmp.resolve("ledger.sqlite").toString());
  }

  @Test
  void postgresql() throws Exception {
    String url = System.getenv("DRYDOCK_TEST_PG_URL");
    assertThat(url).as("DRYDOCK_TEST_PG_URL unset: run scripts/test-env.sh up").isNotBlank();
    String schema = "it_" + UUID.randomUUID().toString().replace("-", "");
    try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
      s.execute("create schema " + schema);
    }
    scenario(url + "&currentSchema=" + schema);
  }

  void scenario(String ledger) throws Exception {
    String image = registry + "/fixtures/alpine:3.20.3";
    String name = run("ledger-it-" + UUID.randomUUID().toString().substring(0, 8), image);
    // a DB without openssl's advisories, then one with them: the rescan must find openssl's CVEs without pulling
    Path secdb = tmp.resolve("secdb");
    for (String origin : List.of("apk-tools", "busybox", "musl", "zlib")) {
      ScanFixtures.resource("/advisories/alpine/v3.20/main/" + origin + ".json", secdb);
    }
    Path before = ScanFixtures.importDb(Clock.systemUTC(), tmp.resolve("before.sqlite"), secdb);
    Path after = ScanFixtures.alpineDb(tmp.resolve("after"), Clock.systemUTC());
    String cache = tmp.resolve("cache").toString();

    Cli sync = Cli.run("inventory", "sync", "--ledger", ledger, "--cache-dir", cache, "--engine", dockerHost, "--registry", registry,
        "--repo-filter", "^fixtures/alpine$", "--analyse", "--db", before.toString());
    assertThat(sync.exitCode()).as(sync.err()).isZero();
    assertThat(sync.out()).contains("/" + name + ": " + image, "registry " + registry + "/fixtures/alpine: 1 seen, 1 changes")
        .containsOnlyOnce("analysed " );

    Cli list = Cli.run("inventory", "list", "--ledger", ledger, "--format", "json");
    JsonNode entries = ScanFixtures.JSON.readTree(list.out());
    JsonNode mine = null;
    for (JsonNode e : entries) {
      if (e.path("location").asText().endsWith("/" + name)) {
        mine = e;
      }
    }
    assertThat(mine).as(list.out()).isNotNull();
    assertThat(mine.path("service").asText()).isEqualTo("edge");
    assertThat(mine.path("tier").asText()).isEqualTo("tier0");
    assertThat(mine.path("digest").asText()).startsWith("sha256:");

    Cli none = Cli.run("affected", "--ledger", ledger, "CVE-2024-9143");
    assertThat(none.exitCode()).as(none.out() + none.err()).isEqualTo(1);

    Cli rescan = Cli.run("rescan", "--ledger", ledger, "--db", after.toString(), "-v");
    assertThat(rescan.exitCode()).as(rescan.err()).isZero();
    assertThat(rescan.out()).contains("new finding CVE-2024-9143 (").containsPattern("rescanned [0-9]+ stored SBOMs in .*: [1-9][0-9]* new findings, 0 fixed");

    Cli affected = Cli.run("affected", "--ledger", ledger, "CVE-2024-9143", "--format", "json");
    assertThat(affected.exitCode()).as(affected.err()).isZero();
    JsonNode rows = ScanFixtures.JSON.readTree(affected.out());
    assertThat(rows.findValuesAsText("location")).anyMatch(l -> l.endsWith("/" + name)).contains(image);
    assertThat(rows.findValuesAsText("tier")).contains("tier0");
    Cli byPackage = Cli.run("affected", "--ledger", ledger, "openssl@3.3.2-r0");
    assertThat(byPackage.exitCode()).as(byPackage.err()).isZero();
    assertThat(byPackage.out()).contains(name, "openssl@3.3.2-r0");
    assertThat(Cli.run("affected", "--ledger", ledger, "libssl3@9.9").exitCode()).isEqualTo(1);

    assertThat(Cli.run("rescan", "--ledger", ledger, "--db", after.toString()).out()).contains(": 0 new findings, 0 fixed");

    podman("rm", "-f", "-t", "0", name);
    Cli gone = Cli.run("inventory", "sync", "--ledger", ledger, "--engine", dockerHost);
    assertThat(gone.out()).contains("/" + name + ": gone");

    Cli verify = Cli.run("audit", "verify", "--ledger", ledger);
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).startsWith("ok: ");

    Path export = tmp.resolve("audit.jsonl");
    assertThat(Cli.run("audit", "export", "--ledger", ledger, "-o", export.toString()).exitCode()).isZero();
    List<String> lines = Files.readAllLines(export);
    assertThat(lines).isNotEmpty();
    JsonNode first = ScanFixtures.JSON.readTree(lines.get(0));
    assertThat(first.path("seq").asLong()).isEqualTo(1);
    assertThat(lines).anyMatch(l -> l.contains("\"type\":\"LedgerEvent.FindingAppeared\"") && l.contains("CVE-2024-9143"));

    Cli report = Cli.run("report", "--ledger", ledger, "--format", "json");
    assertThat(report.exitCode()).as(report.err()).isZero();
    JsonNode r = ScanFixtures.JSON.readTree(report.out());
    assertThat(r.path("ttrBySeverity").size()).as("the container went away: its findings are remediated").isPositive();

    String url = ledger.startsWith("jdbc:") ? ledger : "jdbc:sqlite:" + ledger;
    try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
      s.executeUpdate("update events set actor = 'mallory' where seq = 2");
    }
    Cli broken = Cli.run("audit", "verify", "--ledger", ledger);
    assertThat(broken.exitCode()).isEqualTo(10);
    assertThat(broken.out()).contains("event 2: content does not match its hash");
  }

  @Test
  void badLedgersAreOneLineErrorsWithDocumentedExitCodes() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.sqlite"), "not a database at all, just some text that is long enough");
    Cli corrupt = Cli.run("audit", "verify", "--ledger", junk.toString());
    assertThat(corrupt.exitCode()).isEqualTo(3);
    assertThat(corrupt.err()).hasLineCount(1).contains("is not a SQLite database");
    Cli down = Cli.run("inventory", "list", "--ledger", "jdbc:postgresql://127.0.0.1:1/drydock?user=u&password=hunter2");
    assertThat(down.exitCode()).isEqualTo(6);
    assertThat(down.err()).hasLineCount(1).contains("127.0.0.1:1").doesNotContain("hunter2");
  }
}
