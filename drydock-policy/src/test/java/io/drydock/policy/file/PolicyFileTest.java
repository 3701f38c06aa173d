package io.drydock.policy.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.policy.rules.Rule;
import io.drydock.policy.rules.RuleSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyFileTest {
  static final Path EXAMPLE = Path.of("../examples/policy/drydock-policy.yaml");

  @Test
  void readsTheExample() throws Exception {
    RuleSet p = PolicyFile.parse(EXAMPLE.toString(), java.nio.file.Files.readString(EXAMPLE));
    assertThat(p.tiers().names()).containsExactly("tier-0", "tier-1", "tier-2", "tier-3");
    assertThat(p.rules()).extracting(Rule::id).startsWith("patch-sla", "registries", "pinned", "no-latest", "signed");
    assertThat(p.rules()).extracting(r -> r.check().kind()).contains("sla", "cel", "window", "approval", "signature");
    assertThat(p.exceptions().rules()).hasSize(1);
    assertThat(p.overrides().allowed()).isTrue();
  }

  /** Each bad policy: the expected line:col and message start. The rule id is part of the message. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown top key      | schema: drydock.policy/v1\\nrulez: []                                          | p.yaml:2:1: unknown key 'rulez'
      unknown rule key     | schema: drydock.policy/v1\\nrules:\\n  - id: a\\n    digest: true\\n    colour: red | p.yaml:5:5: rule a: unknown key 'colour'
      wrong schema         | schema: drydock.policy/v2\\nrules: []                                          | p.yaml:1:1: schema must be 'drydock.policy/v1', not 'drydock.policy/v2'
      bad action           | schema: drydock.policy/v1\\nrules:\\n  - id: a\\n    action: block\\n    digest: true | p.yaml:4:5: rule a: action must be deny or warn
      two checks           | schema: drydock.policy/v1\\nrules:\\n  - id: a\\n    digest: true\\n    nonRoot: true | p.yaml:3:5: rule a: a rule has one check, this one has [digest, nonRoot]
      no check             | schema: drydock.policy/v1\\nrules:\\n  - id: a                                | p.yaml:3:5: rule a: a rule needs one check
      duplicate id         | schema: drydock.policy/v1\\nrules:\\n  - {id: a, digest: true}\\n  - {id: a, nonRoot: true} | p.yaml:4:6: rule a: duplicate rule id
      wrong type           | schema: drydock.policy/v1\\nrules:\\n  - id: a\\n    maxFindings: {critical: many} | p.yaml:4:19: rule a: rules.0.maxFindings.critical: Cannot coerce string value (

      bad severity         | schema: drydock.policy/v1\\nrules:\\n  - id: a\\n    maxFindings: {awful: 1}      | p.yaml:4:19: rule a: unknown severity 'awful'
      malformed yaml       | schema: drydock.policy/v1\\nrules: [\\n  - id: a                                 | p.yaml:3:
      duplicate key        | schema: drydock.policy/v1\\nschema: drydock.policy/v1                         | p.yaml:2:
      bad tier             | schema: drydock.policy/v1\\ntiers: {names: [t0, t1]}\\nrules:\\n  - {id: a, tiers: [t9], digest: true} | p.yaml:4:13: rule a: unknown tier 't9'
      bad time zone        | schema: drydock.policy/v1\\nrules:\\n  - id: w\\n    window: {timeZone: Mars/Olympus} | p.yaml:4:14: rule w: Unknown time-zone ID: Mars/Olympus
      bad hours            | schema: drydock.policy/v1\\nrules:\\n  - id: w\\n    window: {open: [{days: mon, hours: 9-5}]} | p.yaml:4:21: rule w: hours '9-5'
      bad day              | schema: drydock.policy/v1\\nrules:\\n  - id: w\\n    window: {open: [{days: moonday}]} | p.yaml:4:21: rule w: 'moonday' is not a day
      bad age              | schema: drydock.policy/v1\\nrules:\\n  - id: old\\n    maxAge: 3 months          | p.yaml:4:5: rule old: '3 months' is not an age
      exception no expiry  | schema: drydock.policy/v1\\nexceptions:\\n  entries:\\n    - {id: E1, owner: o, vulnerability: CVE-1, created: 2026-01-01} | p.yaml:4:7: rule exception E1: an exception needs an expiry date
      exception too long   | schema: drydock.policy/v1\\nexceptions:\\n  maxDays: 30\\n  entries:\\n    - id: E1\\n      owner: o\\n      vulnerability: CVE-1\\n      justification: component_not_present\\n      created: 2026-01-01\\n      expires: 2026-03-01 | p.yaml:10:7: rule exception E1: lasts 59 days; the policy allows at most 30
      exception bad vex    | schema: drydock.policy/v1\\nexceptions:\\n  entries:\\n    - {id: E1, owner: o, vulnerability: CVE-1, justification: meh, created: 2026-01-01, expires: 2026-01-02} | p.yaml:4:7: rule exception E1: justification 'meh' is not an OpenVEX justification
      not a mapping        | - just a list                                                                | p.yaml:1:1: a policy is a YAML mapping
      """)
  void badPoliciesGiveFileLineColAndRule(String name, String text, String expected) {
    assertThatThrownBy(() -> PolicyFile.parse("p.yaml", text.replace("\\n", "\n")))
        .isInstanceOf(PolicyFileException.class)
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("java.", "io.drydock", "\n", "Source"))
        .hasMessageStartingWith(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "~~", quoteCharacter = '"', textBlock = """
      syntax, plain        ~~ schema: drydock.policy/v1\\nrules:\\n  - id: c\\n    cel: config.user ==            ~~ p.yaml:4:24: rule c: CEL: mismatched input '<EOF>'
      unknown variable     ~~ schema: drydock.policy/v1\\nrules:\\n  - id: c\\n    cel: imag.name == 'x'          ~~ p.yaml:4:10: rule c: CEL: undeclared reference to 'imag'
      not a bool           ~~ schema: drydock.policy/v1\\nrules:\\n  - id: c\\n    cel: tier                      ~~ p.yaml:4:10: rule c: CEL:
      block, second line   ~~ schema: drydock.policy/v1\\nrules:\\n  - id: c\\n    cel: |\\n      tier == 'x' &&\\n        nope.size() > 0 ~~ p.yaml:6:9: rule c: CEL: undeclared reference to 'nope'
      """)
  void badCelGivesFileLineColAndRule(String name, String text, String expected) {
    assertThatThrownBy(() -> PolicyFile.parse("p.yaml", text.replace("\\n", "\n")))
        .isInstanceOf(PolicyFileException.class)
        .hasMessageStartingWith(expected);
  }

}
