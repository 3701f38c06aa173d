package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** drydock policy check|exceptions, approve and scan --policy, in-process on the real fixture image and advisories. */
class PolicyCommandTest {
  @TempDir static Path dir;
  static Path db;
  static final String IMAGE = Cli.testImage("lang-packages.oci.tar").toString();
  static final String AT = "2026-12-03T10:00:00Z";

  @BeforeAll
  static void setUp() {
    db = ScanFixtures.langDb(dir.resolve("db"));
  }

  static Path policy(String name, String rules) throws Exception {
    return Files.writeString(dir.resolve(name), "schema: drydock.policy/v1\n" + rules);
  }

  @Test
  void checkDeniesWithReasonsAndExitCode1() throws Exception {
    Path p = policy("deny.yaml", """
        rules:
          - {id: log4shell, cel: "findings.exists(f, f.id == 'CVE-2021-44228')", message: log4shell is present}
          - {id: crit, ignoreUnfixed: true, maxFindings: {critical: 0}}
          - {id: root, action: warn, nonRoot: true}
        """);
    Cli r = Cli.run("policy", "check", "--policy", p.toString(), "--db", db.toString(), "--cache-dir", dir.resolve("c").toString(),
        "--at", AT, IMAGE);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.out()).contains("log4shell  cel          DENY    log4shell is present")
        .contains("crit       maxFindings  DENY    12 CRITICAL finding(s), at most 0 allowed (fixable only)")
        .contains("root       nonRoot      WARN    runs as root (USER not set)")
        .contains("verdict: DENY (2 rules)");
  }

  @Test
  void checkPassesWithWarningsOnly() throws Exception {
    Path p = policy("warn.yaml", "rules:\n  - {id: root, action: warn, nonRoot: true}\n");
    Cli r = Cli.run("policy", "check", "--policy", p.toString(), "--cache-dir", dir.resolve("c").toString(), IMAGE);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).contains("verdict: PASS");
  }

  @Test
  void jsonAndSarif() throws Exception {
    Path p = policy("j.yaml", "rules:\n  - {id: crit, maxFindings: {critical: 0}}\n");
    Cli j = Cli.run("policy", "check", "-p", p.toString(), "--db", db.toString(), "--cache-dir", dir.resolve("c").toString(), "-f", "json", IMAGE);
    JsonNode doc = ScanFixtures.JSON.readTree(j.out());
    assertThat(doc.path("schema").asText()).isEqualTo("drydock.policy.check/v1");
    assertThat(doc.path("passed").asBoolean()).isFalse();
    assertThat(doc.path("results").get(0).path("rules").get(0).path("outcome").asText()).isEqualTo("deny");
    Cli s = Cli.run("policy", "check", "-p", p.toString(), "--db", db.toString(), "--cache-dir", dir.resolve("c").toString(), "-f", "sarif", IMAGE);
    JsonNode sarif = ScanFixtures.JSON.readTree(s.out());
    assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
    assertThat(sarif.path("runs").get(0).path("results").get(0).path("ruleId").asText()).isEqualTo("crit");
    assertThat(sarif.path("runs").get(0).path("results").get(0).path("level").asText()).isEqualTo("error");
    assertThat(s.exitCode()).isEqualTo(1);
  }

  @Test
  void badPolicyIsOneLineWithLocationAndExit3() throws Exception {
    Path p = policy("bad.yaml", "rules:\n  - id: c\n    cel: findings.exists(f, f.severity ==)\n");
    Cli r = Cli.run("policy", "check", "-p", p.toString(), IMAGE);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err().strip()).startsWith("drydock: " + p + ":4:42: rule c: CEL: mismatched input ')'").doesNotContain("\n", "Exception");
  }

  @Test
  void unknownFormatIsUsage() throws Exception {
    Path p = policy("u.yaml", "rules:\n  - {id: root, nonRoot: true}\n");
    assertThat(Cli.run("policy", "check", "-p", p.toString(), "-f", "xml", IMAGE).exitCode()).isEqualTo(2);
  }

  @Test
  void exceptionsSuppressAndExportAsOpenVex() throws Exception {
    Path p = policy("x.yaml", """
        exceptions:
          entries:
            - {id: E1, owner: alice, vulnerability: CVE-2021-44228, packages: ['org.apache.logging.log4j:*'], status: not_affected,
               justification: vulnerable_code_not_in_execute_path, created: 2026-11-20, expires: 2027-01-31}
            - {id: E2, owner: bob, vulnerability: CVE-2021-45046, status: not_affected, justification: component_not_present,
               created: 2026-10-01, expires: 2026-11-30}
        rules:
          - {id: log4shell, cel: "findings.exists(f, f.id in ['CVE-2021-44228', 'CVE-2021-45046'])", message: log4j}
        """);
    Cli r = Cli.run("policy", "check", "-p", p.toString(), "--db", db.toString(), "--cache-dir", dir.resolve("c").toString(), "--at", AT, IMAGE);
    assertThat(r.out()).contains("suppressed CVE-2021-44228 in org.apache.logging.log4j:log4j-core by exception E1")
        .contains("exception.E2  exception  WARN    EXPIRED on 2026-11-30 (owner bob): CVE-2021-45046 no longer suppressed")
        .contains("log4shell     cel        DENY    log4j");
    Cli v = Cli.run("policy", "exceptions", "-p", p.toString(), "--format", "openvex", "--at", AT);
    assertThat(v.exitCode()).isEqualTo(1);
    assertThat(v.err()).contains("warning: exception E2 (CVE-2021-45046, owner bob) EXPIRED on 2026-11-30");
    JsonNode vex = ScanFixtures.JSON.readTree(v.out());
    assertThat(vex.path("@context").asText()).isEqualTo("https://openvex.dev/ns/v0.2.0");
    assertThat(vex.path("statements").get(0).path("justification").asText()).isEqualTo("vulnerable_code_not_in_execute_path");
    Cli t = Cli.run("policy", "exceptions", "-p", p.toString(), "--at", "2026-11-25T00:00:00Z");
    assertThat(t.exitCode()).isEqualTo(0);
    assertThat(t.out()).contains("E1  CVE-2021-44228  not_affected/vulnerable_code_not_in_execute_path  alice  2027-01-31");
  }

  @Test
  void approvalsAreBoundToTheDigest() throws Exception {
    Path state = dir.resolve("state");
    Path p = policy("a.yaml", "rules:\n  - {id: two, approval: {approvers: 2}}\n");
    Path svc = Files.writeString(dir.resolve("web.yaml"), "service: web\nimage: oci-archive:" + IMAGE + "\n");
    Cli before = Cli.run("policy", "check", "--rollout", "--state-dir", state.toString(), "-p", p.toString(),
        "--cache-dir", dir.resolve("c").toString(), svc.toString());
    assertThat(before.exitCode()).as(before.err()).isEqualTo(1);
    assertThat(before.out()).contains("needs 2 approver(s) of ").contains("has 0");
    Cli a1 = Cli.run("approve", svc.toString(), "--by", "alice", "--reason", "reviewed", "--state-dir", state.toString(),
        "--cache-dir", dir.resolve("c").toString());
    assertThat(a1.exitCode()).as(a1.err()).isEqualTo(0);
    assertThat(a1.out()).startsWith("approved web sha256:");
    Cli.run("approve", "web", "--digest", "sha256:" + "9".repeat(64), "--by", "bob", "--reason", "other image", "--state-dir", state.toString());
    Cli mid = Cli.run("policy", "check", "--rollout", "--state-dir", state.toString(), "-p", p.toString(),
        "--cache-dir", dir.resolve("c").toString(), svc.toString());
    assertThat(mid.out()).contains("has 1 [alice]");
    Cli.run("approve", svc.toString(), "--by", "carol", "--reason", "reviewed too", "--state-dir", state.toString(),
        "--cache-dir", dir.resolve("c").toString());
    Cli after = Cli.run("policy", "check", "--rollout", "--state-dir", state.toString(), "-p", p.toString(),
        "--cache-dir", dir.resolve("c").toString(), svc.toString());
    assertThat(after.exitCode()).as(after.out()).isEqualTo(0);
    assertThat(Files.readString(state.resolve("approvals.json"))).contains("\"by\" : \"alice\"", "\"schema\" : \"drydock.approvals/v1\"");
    assertThat(Cli.run("approve", "web", "--by", "x", "--reason", "y").exitCode()).isEqualTo(2);
  }

  @Test
  void scanWithPolicyLetsThePolicyDecide() throws Exception {
    Path warn = policy("s1.yaml", "rules:\n  - {id: root, action: warn, nonRoot: true}\n");
    Cli pass = Cli.run("scan", "--policy", warn.toString(), "--db", db.toString(), "--cache-dir", dir.resolve("c").toString(), IMAGE);
    assertThat(pass.exitCode()).as(pass.err()).isEqualTo(0);
    assertThat(pass.err()).contains("policy: warn root: runs as root (USER not set)", "PASS");
    Path deny = policy("s2.yaml", "rules:\n  - {id: crit, maxFindings: {critical: 0}}\n");
    Cli denied = Cli.run("scan", "--policy", deny.toString(), "--db", db.toString(), "--cache-dir", dir.resolve("c").toString(), IMAGE);
    assertThat(denied.exitCode()).isEqualTo(1);
    assertThat(denied.err()).contains("policy: deny crit: 12 CRITICAL finding(s), at most 0 allowed");
    Cli only = Cli.run("scan", "--policy", deny.toString(), "--severity", "LOW", "--exit-code", "5", "--db", db.toString(),
        "--cache-dir", dir.resolve("c").toString(), IMAGE);
    assertThat(only.exitCode()).as("the policy sees what the scan's filters left").isEqualTo(0);
  }
}
