package io.drydock.policy.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Severity;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlaTableTest {
  static final SlaTable TABLE = new SlaTable(Map.of(
      "tier-0", Map.of(Severity.CRITICAL, 2, Severity.HIGH, 7),
      "default", Map.of(Severity.CRITICAL, 7, Severity.HIGH, 30, Severity.LOW, 90)), 3);

  @ParameterizedTest(name = "{0} {1} fix {2} now {3} -> {4}")
  @CsvSource(delimiter = '|', textBlock = """
      tier-0 | CRITICAL | 2026-12-01T00:00:00Z | 2026-12-01T12:00:00Z | due in 1 day
      tier-0 | CRITICAL | 2026-12-01T00:00:00Z | 2026-12-03T00:00:00Z | due in 0 days
      tier-0 | CRITICAL | 2026-12-01T00:00:00Z | 2026-12-03T01:00:00Z | overdue by 1 day
      tier-0 | CRITICAL | 2026-12-01T00:00:00Z | 2026-12-06T00:00:00Z | overdue by 3 days
      tier-0 | HIGH     | 2026-12-01T00:00:00Z | 2026-12-02T00:00:00Z | within SLA (6 days left)
      tier-0 | HIGH     | 2026-12-01T00:00:00Z | 2026-12-05T00:00:00Z | due in 3 days
      tier-0 | LOW      | 2026-12-01T00:00:00Z | 2027-06-01T00:00:00Z | no SLA: no SLA for LOW in tier-0
      tier-3 | CRITICAL | 2026-12-01T00:00:00Z | 2026-12-02T00:00:00Z | within SLA (6 days left)
      tier-3 | CRITICAL | 2026-12-01T00:00:00Z | 2026-12-09T00:00:00Z | overdue by 1 day
      tier-3 | LOW      | 2026-09-01T00:00:00Z | 2026-12-01T00:00:00Z | overdue by 1 day
      tier-3 | LOW      | 2026-09-01T00:00:00Z | 2026-11-01T00:00:00Z | within SLA (29 days left)
      tier-3 | MEDIUM   | 2026-09-01T00:00:00Z | 2026-12-01T00:00:00Z | no SLA: no SLA for MEDIUM in tier-3
      tier-0 | CRITICAL |                      | 2026-12-01T00:00:00Z | no SLA: no fix available
      """)
  void assess(String tier, Severity sev, String fix, String now, String expected) {
    SlaStatus s = TABLE.assess(tier, sev, fix == null ? null : Instant.parse(fix), Instant.parse(now));
    assertThat(s.describe()).isEqualTo(expected);
  }
}
