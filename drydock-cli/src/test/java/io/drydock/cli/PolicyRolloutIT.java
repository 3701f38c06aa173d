package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.drydock.engine.docker.DockerEngine;
import io.drydock.rollout.plan.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rollout start --policy}: against the test environment's registry (the images are read from
 * 127.0.0.1:5000) and Podman (asked afterwards whether any container of the service exists). A refused rollout
 * starts nothing; a passing one goes on to wire the engine and the router (here a router socket that does not
 * exist, so it stops with exit 6 right after the gate: proof the gate let it through).
 */
class PolicyRolloutIT {
  @TempDir static Path dir;
  static Path db;
  static final String REGISTRY = System.getenv().getOrDefault("DRYDOCK_TEST_REGISTRY", "127.0.0.1:5000");

  String service;
  Path serviceFile;
  DockerEngine engine;

  @BeforeAll
  static void setUpDb() {
    db = ScanFixtures.langDb(dir.resolve("db"));
  }

  @BeforeEach
  void setUp() throws Exception {
    String host = System.getenv("DOCKER_HOST");
    if (host == null || host.isBlank()) {
      fail("DOCKER_HOST is not set: run scripts/test-env.sh up and eval \"$(scripts/test-env.sh env)\"");
    }
    engine = DockerEngine.connect(host);
    service = "pol" + Long.toHexString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24));
    serviceFile = Files.writeString(dir.resolve(service + ".yaml"), "service: " + service + "\n"
        + "image: " + REGISTRY + "/drydock-testapp:1\n"
        + "tier: tier-0\n"
        + "network: {mode: host, portRange: 20400-20429}\n"
        + "healthCheck: {http: {path: /healthz}}\n"
        + "router: {frontend: " + service + "_in, backend: " + service + ", socket: " + dir.resolve("no-haproxy.sock") + "}\n"
        + "strategy:\n  blueGreen: {}\n");
  }

  @AfterEach
  void noContainerOfTheServiceExists() {
    try {
      assertThat(engine.list(Map.of(Labels.SERVICE, service))).as("containers of " + service).isEmpty();
    } finally {
      engine.close();
    }
  }

  Path policy(String body) throws Exception {
    return Files.writeString(dir.resolve(service + "-policy.yaml"), "schema: drydock.policy/v1\n"
        + "tiers: {names: [tier-0, tier-1], default: tier-1}\n" + body);
  }

  Cli start(Path policy, String... more) {
    String[] base = {"rollout", "start", "--policy", policy.toString(), "--db", db.toString(), "--cache-dir", dir.resolve("cache").toString(),
        "--state-dir", dir.resolve("state").toString()};
    String[] args = new String[base.length + more.length + 1];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    args[args.length - 1] = serviceFile.toString();
    return Cli.run(args);
  }

  @Test
  void unsignedImageUnderSignatureRequiredIsRefused() throws Exception {
    // a real cosign key pair: the test image has no signature made with it (nor any other)
    Path pub = Files.writeString(dir.resolve(service + "-cosign.pub"),
        io.drydock.policy.sign.CosignKeys.generate(new byte[0], new java.security.SecureRandom()).publicPem());
    Path p = policy("rules:\n  - {id: signed, signature: {registries: ['" + REGISTRY + "/**'], keys: ['" + pub + "']}}\n");
    Cli r = start(p);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("refused by policy " + p + " (tier tier-0); no container was started:")
        .contains("  rule signed: unsigned or unverified: ").contains("the image has no signature");
  }

  @Test
  void overdueCriticalFindingIsRefused() throws Exception {
    Path p = policy("rules:\n  - {id: patch-sla, sla: {days: {tier-0: {critical: 2}}}}\n");
    Cli r = start(p, "--image", REGISTRY + "/fixtures/lang-packages:1");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).containsPattern("  rule patch-sla: CVE-2021-44228 CRITICAL in org.apache.logging.log4j:log4j-core 2.14.1: overdue by \\d+ days");
  }

  @Test
  void closedWindowIsRefusedWithTheNextOpening() throws Exception {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    DayOfWeek other = now.getDayOfWeek().plus(3);
    Path p = policy("rules:\n  - {id: hours, window: {timeZone: UTC, open: [{days: " + other.name().substring(0, 3).toLowerCase(Locale.ROOT)
        + ", hours: '*'}]}}\n");
    Cli r = start(p);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    String next = now.toLocalDate().plusDays(3) + "T00:00Z (UTC)";
    assertThat(r.err()).contains("  rule hours: deployment window closed: outside the deployment windows; next opening " + next);
  }

  @Test
  void passingPolicyLetsTheRolloutGoOn() throws Exception {
    Path p = policy("rules:\n  - {id: root, action: warn, nonRoot: true}\n  - {id: reg, registries: ['" + REGISTRY + "/**']}\n");
    Cli r = start(p);
    assertThat(r.err()).doesNotContain("refused");
    assertThat(r.exitCode()).as("past the gate, the missing router socket stops it: " + r.err()).isEqualTo(6);
  }

  @Test
  void overrideIsRecordedWhereAllowedAndRefusedWhereNot() throws Exception {
    Path allowed = policy("overrides: {allowed: true}\nrules:\n  - {id: root, nonRoot: true}\n");
    Cli r = start(allowed, "--override", "INC-7 hotfix");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(6);
    assertThat(r.err()).contains("warning: policy rule root: runs as root (USER not set) (overridden: INC-7 hotfix)");
    String log = Files.readString(dir.resolve("state").resolve("policy-overrides.jsonl"));
    assertThat(log).contains("\"service\":\"" + service + "\"", "\"reason\":\"INC-7 hotfix\"", "\"overridden\":[\"root\"]", "\"digest\":\"sha256:");
    Path forbidden = policy("overrides: {allowed: true, tiers: [tier-1]}\nrules:\n  - {id: root, nonRoot: true}\n");
    Cli f = start(forbidden, "--override", "INC-8");
    assertThat(f.exitCode()).as(f.err()).isEqualTo(1);
    assertThat(f.err()).contains("  rule override: --override is forbidden by policy for tier-0");
  }
}
