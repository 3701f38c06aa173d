package io.drydock.policy.rules;

import static io.drydock.policy.rules.Facts.D1;
import static io.drydock.policy.rules.Facts.D2;
import static io.drydock.policy.rules.Facts.ff;
import static io.drydock.policy.rules.Facts.finding;
import static io.drydock.policy.rules.Facts.image;
import static io.drydock.policy.rules.Facts.pkg;
import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Severity;
import io.drydock.policy.approval.Approval;
import io.drydock.policy.file.PolicyFile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvaluatorTest {
  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  static final String PIN = "@sha256:" + "1".repeat(64);

  static RuleSet policy(String rules) {
    return PolicyFile.parse("t.yaml", "schema: drydock.policy/v1\n"
        + "tiers: {names: [tier-0, tier-1, tier-2], default: tier-2, match: [{tier: tier-0, services: [pay*]}]}\n"
        + "overrides: {allowed: true, tiers: [tier-1, tier-2]" + (rules.contains("never-me") ? ", never: [never-me]" : "") + "}\n"
        + "rules:\n" + rules);
  }

  static String outcome(RuleSet p, ImageFacts img, ServiceFacts svc, Evaluation.Context ctx, SignatureCheck sig) {
    Evaluation e = new Evaluator(p, sig).evaluate(img, svc, ctx);
    return e.results().stream().map(r -> r.outcome() + (r.reasons().isEmpty() ? "" : " " + String.join("; ", r.reasons())))
        .collect(Collectors.joining(" | "));
  }

  static String outcome(String rule, ImageFacts img) {
    return outcome(policy(rule), img, ServiceFacts.none(), Evaluation.Context.check(NOW), SignatureCheck.UNAVAILABLE);
  }

  /** Admission rules, one image each. */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      - {id: r, registries: ['127.0.0.1:5000/**']}        | 127.0.0.1:5000/team/web:1.2   | PASS
      - {id: r, registries: ['127.0.0.1:5000/**']}        | docker.io/library/nginx:1.27  | DENY docker.io/library/nginx is not in an allowed registry [127.0.0.1:5000/**]
      - {id: r, registries: [docker.io]}                  | nginx:1.27                    | PASS
      - {id: r, registries: ['docker.io/library/*']}      | docker.io/bitnami/nginx:1     | DENY docker.io/bitnami/nginx is not in an allowed registry [docker.io/library/*]
      - {id: d, digest: true}                             | 127.0.0.1:5000/web:1.2        | DENY 127.0.0.1:5000/web:1.2 is not pinned to a digest (use NAME@sha256:…, e.g. drydock pin)
      - {id: d, digest: true}                             | 127.0.0.1:5000/web:1.2PIN     | PASS
      - {id: m, mutableTags: []}                          | 127.0.0.1:5000/web:latest     | DENY tag 'latest' is mutable [latest, main, master, edge, nightly, stable, dev]
      - {id: m, mutableTags: []}                          | 127.0.0.1:5000/web:latestPIN  | DENY tag 'latest' is mutable [latest, main, master, edge, nightly, stable, dev]
      - {id: m, mutableTags: []}                          | 127.0.0.1:5000/web:1.2.3      | PASS
      - {id: m, mutableTags: ['*-snapshot']}              | 127.0.0.1:5000/web:2-snapshot | DENY tag '2-snapshot' is mutable [*-snapshot]
      - {id: n, nonRoot: true}                            | USER=                         | DENY runs as root (USER not set)
      - {id: n, nonRoot: true}                            | USER=0:0                      | DENY runs as root (USER 0:0)
      - {id: n, nonRoot: true}                            | USER=app                      | PASS
      - {id: n, action: warn, nonRoot: true}              | USER=root                     | WARN runs as root (USER root)
      - {id: s, noShell: true}                            | PKG=busybox                   | DENY shell in the final image: busybox 1.0
      - {id: s, noShell: true}                            | PKG=musl                      | PASS
      - {id: p, noPackageManager: true}                   | PKG=apk-tools                 | DENY package manager in the final image: apk-tools 1.0
      - {id: a, maxAge: 30d}                              | 127.0.0.1:5000/web:1          | DENY image is 32 days old (max 30)
      - {id: a, maxAge: 5w}                               | 127.0.0.1:5000/web:1          | PASS
      - {id: b, baseImages: ['docker.io/library/alpine:*']} | 127.0.0.1:5000/web:1        | DENY image does not declare its base image (label org.opencontainers.image.base.name)
      - {id: b, baseImages: ['docker.io/library/alpine:*']} | BASE=docker.io/library/alpine:3.20 | PASS
      - {id: b, baseImages: ['docker.io/library/alpine:*']} | BASE=docker.io/library/debian:12 | DENY base image docker.io/library/debian:12 is not allowed [docker.io/library/alpine:*]
      - {id: r, registries: [docker.io]}                  | SBOM                          | SKIP no registry reference
      """)
  void admission(String rule, String what, String expected) {
    ImageFacts img;
    if (what.startsWith("USER=")) {
      img = image("127.0.0.1:5000/web:1", what.substring(5).isEmpty() ? null : what.substring(5), List.of());
    } else if (what.startsWith("PKG=")) {
      img = image("127.0.0.1:5000/web:1", "app", List.of(), pkg(what.substring(4), "1.0"), pkg("zlib", "1.3"));
    } else if (what.startsWith("BASE=")) {
      img = new ImageFacts("w", null, D1, Facts.config("app", Map.of("org.opencontainers.image.base.name", what.substring(5))),
          null, null, List.of(), List.of());
    } else if (what.equals("SBOM")) {
      img = new ImageFacts("sbom.cdx.json", null, null, Facts.config(null, Map.of()), null, null, List.of(), List.of());
    } else {
      img = image(what.replace("PIN", PIN), "app", List.of());
    }
    assertThat(outcome("  " + rule + "\n", img)).isEqualTo(expected);
  }

  /** The signature rule against a table of fake check results. */
  @ParameterizedTest(name = "{0} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      127.0.0.1:5000/web:1       | verified:key:cosign.pub   | PASS
      127.0.0.1:5000/web:1       | verified:                  | DENY unsigned or unverified: the check verified no identity
      127.0.0.1:5000/web:1       | failed:no signature        | DENY unsigned or unverified: no signature
      127.0.0.1:5000/web:1       | failed:signature of another digest | DENY unsigned or unverified: signature of another digest
      docker.io/library/nginx:1  | failed:no signature        | SKIP docker.io/library/nginx is not under [127.0.0.1:5000/**]
      """)
  void signature(String ref, String result, String expected) {
    RuleSet p = policy("  - {id: sig, signature: {registries: ['127.0.0.1:5000/**'], keys: [cosign.pub]}}\n");
    List<String> asked = new java.util.ArrayList<>();
    SignatureCheck fake = (r, d, trust) -> {
      asked.add(r.repository() + "@" + d.shortHex() + " " + trust.keys());
      if (result.startsWith("verified:")) {
        String id = result.substring(9);
        return new SignatureCheck.Verified(id.isEmpty() ? List.of() : List.of(id));
      }
      return new SignatureCheck.Failed(result.substring(7));
    };
    assertThat(outcome(p, image(ref, "app", List.of()), ServiceFacts.none(), Evaluation.Context.check(NOW), fake)).isEqualTo(expected);
    if (!expected.startsWith("SKIP")) {
      assertThat(asked).containsExactly("web@" + D1.shortHex() + " [cosign.pub]");
    }
  }

  @Test
  void unavailableSignatureCheckDenies() {
    assertThat(outcome("  - {id: sig, signature: {keys: [k.pub]}}\n", image("127.0.0.1:5000/web:1", "app", List.of())))
        .isEqualTo("DENY unsigned or unverified: signature verification is not available in this build");
  }

  @Test
  void maxFindingsCountsAndIgnoreUnfixedPerRule() {
    var fs = List.of(ff(finding("CVE-1", Severity.CRITICAL, "openssl", true), "2026-12-01T00:00:00Z"),
        ff(finding("CVE-2", Severity.CRITICAL, "zlib", false), null), ff(finding("CVE-3", Severity.HIGH, "curl", true), null));
    ImageFacts img = image("127.0.0.1:5000/web:1", "app", fs);
    assertThat(outcome("  - {id: all, maxFindings: {critical: 1}}\n  - {id: fixable, ignoreUnfixed: true, maxFindings: {critical: 1, high: 0}}\n", img))
        .isEqualTo("DENY 2 CRITICAL finding(s), at most 1 allowed | DENY 1 HIGH finding(s), at most 0 allowed (fixable only)");
  }

  @Test
  void slaRuleDeniesOverdueAndWarnsDueSoonPerTier() {
    var fs = List.of(ff(finding("CVE-1", Severity.CRITICAL, "openssl", true), "2026-11-30T00:00:00Z"),
        ff(finding("CVE-2", Severity.HIGH, "curl", true), "2026-11-28T00:00:00Z"), ff(finding("CVE-3", Severity.LOW, "zlib", false), null),
        ff(finding("CVE-4", Severity.HIGH, "musl", true), null));
    RuleSet p = policy("  - {id: sla, sla: {days: {tier-0: {critical: 2, high: 7}, default: {critical: 7, high: 30}}}}\n");
    ImageFacts img = image("127.0.0.1:5000/pay:1", "app", fs);
    var ctx = Evaluation.Context.check(NOW);
    assertThat(outcome(p, img, new ServiceFacts("payments", null, Map.of(), null), ctx, SignatureCheck.UNAVAILABLE))
        .isEqualTo("DENY CVE-1 CRITICAL in openssl 1.0: overdue by 2 days; CVE-2 HIGH in curl 1.0: due in 1 day");
    assertThat(outcome(p, img, new ServiceFacts("web", null, Map.of(), null), ctx, SignatureCheck.UNAVAILABLE))
        .isEqualTo("WARN CVE-1 CRITICAL in openssl 1.0: due in 3 days");
    Evaluation e = new Evaluator(p, SignatureCheck.UNAVAILABLE).evaluate(img, ServiceFacts.none(), ctx);
    assertThat(e.sla()).extracting(l -> l.status().describe())
        .containsExactly("due in 3 days", "within SLA (24 days left)", "no SLA: no fix available",
            "no SLA: fixed in 1.1, but the DB has no date for the fix");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      declared tier wins         | tier-1 |                  | payments | tier-1 | service file tier:
      label                      |        | tier-0           | web      | tier-0 | label io.drydock.tier
      service glob               |        |                  | payments | tier-0 | policy tiers.match
      default                    |        |                  | web      | tier-2 | default
      """)
  void tiers(String name, String declared, String label, String service, String tier, String source) {
    RuleSet p = policy("  - {id: d, digest: true}\n");
    var svc = new ServiceFacts(service, "svc/" + service + ".yaml", label == null ? Map.of() : Map.of(Tiers.LABEL, label), declared);
    Evaluation e = new Evaluator(p, SignatureCheck.UNAVAILABLE).evaluate(image("w:1", "app", List.of()), svc, Evaluation.Context.check(NOW));
    assertThat(e.tier()).isEqualTo(new Tiers.Resolved(tier, source));
  }

  @Test
  void tierByPathGlobAndLabels() {
    var t = new Tiers(List.of("t0", "t3"), "t0", List.of(new Tiers.Match("t3", List.of(), List.of(io.drydock.policy.Glob.of("sandbox/**")), Map.of()),
        new Tiers.Match("t3", List.of(), List.of(), Map.of("team", "lab"))));
    assertThat(t.resolve(new ServiceFacts("x", "sandbox/a/x.yaml", Map.of(), null), Map.of()).tier()).isEqualTo("t3");
    assertThat(t.resolve(new ServiceFacts("x", "prod/x.yaml", Map.of("team", "lab"), null), Map.of()).tier()).isEqualTo("t3");
    assertThat(t.resolve(new ServiceFacts("x", "prod/x.yaml", Map.of("team", "core"), null), Map.of()).tier()).isEqualTo("t0");
  }

  /** Approvals are bound to the digest: approvals of another digest do not count. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      none                         |                         | DENY needs 2 approver(s) of 111111111111 for rollout of payments, has 0 (drydock approve payments --by NAME --reason TEXT)
      one                          | alice:D1                | DENY needs 2 approver(s) of 111111111111 for rollout of payments, has 1 [alice] (drydock approve payments --by NAME --reason TEXT)
      same person twice            | alice:D1,alice:D1       | DENY needs 2 approver(s) of 111111111111 for rollout of payments, has 1 [alice] (drydock approve payments --by NAME --reason TEXT)
      two, one for another digest  | alice:D1,bob:D2         | DENY needs 2 approver(s) of 111111111111 for rollout of payments, has 1 [alice] (drydock approve payments --by NAME --reason TEXT)
      two                          | alice:D1,bob:D1         | PASS
      """)
  void approvals(String name, String given, String expected) {
    List<Approval> approvals = given == null ? List.of() : java.util.Arrays.stream(given.split(",")).map(g -> new Approval("payments",
        g.endsWith("D1") ? D1 : D2, g.substring(0, g.indexOf(':')), "reviewed", NOW)).toList();
    RuleSet p = policy("  - {id: two, tiers: [tier-0], approval: {approvers: 2}}\n");
    var ctx = new Evaluation.Context(NOW, "rollout", "payments", approvals, null);
    assertThat(outcome(p, image("127.0.0.1:5000/pay:1", "app", List.of()), new ServiceFacts("payments", null, Map.of(), null), ctx,
        SignatureCheck.UNAVAILABLE)).isEqualTo(expected);
    var check = Evaluation.Context.check(NOW);
    assertThat(outcome(p, image("127.0.0.1:5000/pay:1", "app", List.of()), new ServiceFacts("payments", null, Map.of(), null), check,
        SignatureCheck.UNAVAILABLE)).isEqualTo("SKIP applies to rollouts");
  }

  @Test
  void windowAppliesToRolloutsWithNextOpening() {
    RuleSet p = policy("  - {id: hours, window: {timeZone: UTC, open: [{days: mon-fri, hours: '09:00-17:00'}]}}\n");
    var sat = new Evaluation.Context(Instant.parse("2026-12-05T10:00:00Z"), "rollout", "web", List.of(), null);
    assertThat(outcome(p, image("w:1", "app", List.of()), ServiceFacts.none(), sat, SignatureCheck.UNAVAILABLE))
        .isEqualTo("DENY deployment window closed: outside the deployment windows; next opening 2026-12-07T09:00Z (UTC)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      allowed tier turns denials into warnings | web      | r     | WARN runs as root (USER not set) (overridden: hotfix) | WARN override recorded: hotfix
      forbidden tier                           | payments | r     | DENY runs as root (USER not set) | DENY --override is forbidden by policy for tier-0
      never-overridable rule                   | web      | never-me | DENY runs as root (USER not set) | WARN override recorded: hotfix
      """)
  void overrides(String name, String service, String ruleId, String first, String second) {
    RuleSet p = policy("  - {id: " + ruleId + ", nonRoot: true}\n");
    var ctx = new Evaluation.Context(NOW, "rollout", service, List.of(), "hotfix");
    assertThat(outcome(p, image("w:1", null, List.of()), new ServiceFacts(service, null, Map.of(), null), ctx, SignatureCheck.UNAVAILABLE))
        .isEqualTo(first + " | " + second);
  }

  @Test
  void overridesForbiddenWhenPolicySaysNothing() {
    RuleSet p = PolicyFile.parse("t.yaml", "schema: drydock.policy/v1\nrules:\n  - {id: r, nonRoot: true}\n");
    var ctx = new Evaluation.Context(NOW, "rollout", "web", List.of(), "hotfix");
    Evaluation e = new Evaluator(p, SignatureCheck.UNAVAILABLE).evaluate(image("w:1", null, List.of()), ServiceFacts.none(), ctx);
    assertThat(e.verdict().passed()).isFalse();
    assertThat(e.verdict().denials()).extracting(r -> r.rule()).containsExactly("r", "override");
  }
}
