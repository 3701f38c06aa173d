package io.drydock.policy.rules;

import static io.drydock.policy.rules.Facts.ff;
import static io.drydock.policy.rules.Facts.finding;
import static io.drydock.policy.rules.Facts.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.Severity;
import io.drydock.policy.cel.CelRule;
import io.drydock.policy.file.PolicyFile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExceptionsAndCelTest {
  static final String EXC = """
      schema: drydock.policy/v1
      exceptions:
        maxDays: 90
        entries:
          - {id: E1, owner: alice, vulnerability: CVE-1, packages: [openssl], images: ['127.0.0.1:5000/web*'], status: not_affected,
             justification: vulnerable_code_not_in_execute_path, created: 2026-11-01, expires: 2026-12-31}
          - {id: E2, owner: bob, vulnerability: CVE-2, status: not_affected, justification: component_not_present,
             created: 2026-10-01, expires: 2026-11-30}
          - {id: E3, owner: carol, vulnerability: CVE-3, status: under_investigation, created: 2026-11-01, expires: 2026-12-31}
          - {id: E4, owner: dave, vulnerability: CVE-4, services: [pay*], status: fixed, created: 2026-11-01, expires: 2026-12-31}
      rules:
        - {id: none, maxFindings: {critical: 0}}
      """;

  /** Scope CVE × package × image/service; expiry; only not_affected and fixed suppress. */
  @ParameterizedTest(name = "{0} {1} in {2} for {3} -> {4}")
  @CsvSource(delimiter = '|', textBlock = """
      CVE-1 | openssl | 127.0.0.1:5000/web:1 | web      | suppressed by E1
      CVE-1 | zlib    | 127.0.0.1:5000/web:1 | web      | kept
      CVE-1 | openssl | 127.0.0.1:5000/api:1 | web      | kept
      CVE-2 | zlib    | 127.0.0.1:5000/web:1 | web      | kept, E2 expired
      CVE-3 | zlib    | 127.0.0.1:5000/web:1 | web      | kept
      CVE-4 | zlib    | 127.0.0.1:5000/pay:1 | payments | suppressed by E4
      CVE-4 | zlib    | 127.0.0.1:5000/pay:1 | web      | kept
      CVE-9 | openssl | 127.0.0.1:5000/web:1 | web      | kept
      """)
  void exceptions(String cve, String pkg, String ref, String service, String expected) {
    RuleSet p = PolicyFile.parse("p.yaml", EXC);
    var img = image(ref, "app", List.of(ff(finding(cve, Severity.CRITICAL, pkg, true), null)));
    Evaluation e = new Evaluator(p, SignatureCheck.UNAVAILABLE).evaluate(img, new ServiceFacts(service, null, Map.of(), null),
        Evaluation.Context.check(Instant.parse("2026-12-03T00:00:00Z")));
    String got = e.exceptions().suppressed().isEmpty() ? "kept" : "suppressed by " + e.exceptions().suppressed().get(0).rule().id();
    if (!e.exceptions().expired().isEmpty()) {
      got += ", " + e.exceptions().expired().get(0).id() + " expired";
      assertThat(e.verdict().reasons()).anySatisfy(r -> assertThat(r.message()).startsWith("EXPIRED on 2026-11-30 (owner bob): CVE-2"));
    }
    assertThat(got).isEqualTo(expected);
    assertThat(e.verdict().passed()).isEqualTo(got.startsWith("suppressed"));
  }

  @Test
  void openVexExport() {
    RuleSet p = PolicyFile.parse("p.yaml", EXC);
    Map<String, Object> doc = io.drydock.policy.exception.OpenVex.document(p.exceptions().rules(), "drydock", Instant.EPOCH, "urn:x");
    assertThat(doc).containsEntry("@context", "https://openvex.dev/ns/v0.2.0");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> st = (List<Map<String, Object>>) doc.get("statements");
    assertThat(st).hasSize(4);
    assertThat(st.get(0)).containsEntry("status", "not_affected").containsEntry("justification", "vulnerable_code_not_in_execute_path")
        .containsEntry("vulnerability", Map.of("name", "CVE-1"));
    assertThat(st.get(2)).containsEntry("status", "under_investigation").doesNotContainKey("justification");
  }

  /** The documented CEL input (docs/policy.md#cel-input): each variable and field the doc names. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      image.name == '127.0.0.1:5000/web:1.2'                                  | true
      image.registry == '127.0.0.1:5000' && image.repository == 'web' && image.tag == '1.2' | true
      image.digest.startsWith('sha256:1111')                                  | true
      image.created == '2026-11-01T00:00:00Z' && image.baseImage == ''        | true
      config.user == 'app' && !config.runsAsRoot && config.cmd == ['/app']    | true
      image.config.user != '' && findings.exists(f, f.severity == 'CRITICAL' && f.fixed) | true
      findings.all(f, f.fixed)                                                | false
      findings.filter(f, f.severity == 'CRITICAL').size() == 2                | true
      findings.exists(f, f.id == 'CVE-1' && f.package == 'openssl' && f.version == '1.0' && f.fixedVersions == ['1.1']) | true
      findings.exists(f, f.fixAvailable == '2026-11-20T00:00:00Z' && f.status == 'FIXED' && f.cvss == 0.0) | true
      packages.exists(p, p.name == 'busybox' && p.type != '' && p.purl.startsWith('pkg:'))  | true
      service.name == 'web' && service.path == 'svc/web.yaml' && service.labels['team'] == 'core' | true
      tier == 'default'                                                       | true
      """)
  void celInput(String expression, boolean expected) {
    var img = image("127.0.0.1:5000/web:1.2", "app", List.of(ff(finding("CVE-1", Severity.CRITICAL, "openssl", true), "2026-11-20T00:00:00Z"),
        ff(finding("CVE-2", Severity.CRITICAL, "zlib", false), null)), Facts.pkg("busybox", "1.36"));
    var in = CelInput.of(img, img.findings(), new ServiceFacts("web", "svc/web.yaml", Map.of("team", "core"), null), "default");
    assertThat(CelRule.compile(expression).matches(in)).isEqualTo(expected);
  }

  @Test
  void celRuntimeErrorIsOneLine() {
    var in = CelInput.of(image("w:1", "app", List.of()), List.of(), ServiceFacts.none(), "default");
    assertThatThrownBy(() -> CelRule.compile("service.labels['missing'] == 'x'").matches(in))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing");
  }
}
