package io.drydock.rollout.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.rollout.analysis.AnalysisAssessor.Decision;
import io.drydock.rollout.spec.Condition;
import io.drydock.rollout.spec.Metric;
import io.drydock.rollout.spec.MetricProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tables follow Argo Rollouts' analysis documentation and its analysis controller's behaviour. */
class AnalysisAssessorTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final MetricProvider P = new MetricProvider.Command(List.of("true"), Duration.ofSeconds(1));

  static Metric metric(String success, String failure, Integer count, int failureLimit, int inconclusiveLimit,
      int errorLimit) {
    return new Metric("m", P, count == null ? null : Duration.ofSeconds(5), count,
        success.isEmpty() ? null : Condition.parse(success), failure.isEmpty() ? null : Condition.parse(failure),
        failureLimit, inconclusiveLimit, errorLimit, Duration.ZERO);
  }

  @ParameterizedTest(name = "success=[{0}] failure=[{1}] value={2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      result < 0.05 |                | 0.01 | SUCCESSFUL
      result < 0.05 |                | 0.10 | FAILED
                    | result > 0.10  | 0.05 | SUCCESSFUL
                    | result > 0.10  | 0.20 | FAILED
      result < 0.05 | result > 0.10  | 0.07 | INCONCLUSIVE
      result < 0.05 | result > 0.10  | 0.20 | FAILED
      result < 0.05 | result > 0.10  | 0.01 | SUCCESSFUL
      result > 0    | result >= 0    | 1    | FAILED
                    |                | 42   | SUCCESSFUL
      result < 0.05 |                | abc  | ERROR
      """)
  void evaluatesOneValue(String success, String failure, String value, AnalysisPhase expected) {
    Object v = value.equals("abc") ? value : (Object) Double.valueOf(value);
    assertThat(AnalysisAssessor.evaluate(metric(nz(success), nz(failure), null, 0, 0, 4), v)).isEqualTo(expected);
  }

  /** Measurements are letters: S successful, F failed, I inconclusive, E error. */
  @ParameterizedTest(name = "{0}: count={1} failureLimit={2} inconclusiveLimit={3} consecutiveErrorLimit={4} -> {5}")
  @CsvSource(delimiter = '|', textBlock = """
      ''     | 3 | 0 | 0 | 4 | PENDING
      S      | 3 | 0 | 0 | 4 | RUNNING
      SSS    | 3 | 0 | 0 | 4 | SUCCESSFUL
      SF     | 3 | 0 | 0 | 4 | FAILED
      SFS    | 3 | 1 | 0 | 4 | SUCCESSFUL
      FFS    | 5 | 1 | 0 | 4 | FAILED
      FFFS   | 5 | 3 | 0 | 4 | RUNNING
      FFFF   | 5 | 3 | 0 | 4 | FAILED
      I      | 3 | 0 | 0 | 4 | INCONCLUSIVE
      SIS    | 3 | 0 | 1 | 4 | SUCCESSFUL
      EEEE   | 3 | 0 | 0 | 4 | RUNNING
      EEEEE  | 3 | 0 | 0 | 4 | ERROR
      EESEES | 3 | 0 | 0 | 2 | RUNNING
      EESEES | 2 | 0 | 0 | 2 | SUCCESSFUL
      E      | 3 | 0 | 0 | 0 | ERROR
      SSEES  | 3 | 0 | 0 | 4 | SUCCESSFUL
      """)
  void assessesAMetric(String sequence, int count, int failureLimit, int inconclusiveLimit, int errorLimit,
      AnalysisPhase expected) {
    Metric m = metric("result < 1", "", count, failureLimit, inconclusiveLimit, errorLimit);
    assertThat(AnalysisAssessor.assessMetric(m, results(sequence), false)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} + {1} -> {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      SSS | SSS | SUCCESSFUL   | CONTINUE
      SSS | S   | RUNNING      | WAIT
      SF  | S   | FAILED       | ABORT
      SSS | I   | INCONCLUSIVE | PAUSE
      S   | I   | INCONCLUSIVE | PAUSE
      S   | F   | FAILED       | ABORT
      EEEEE | S | ERROR        | ABORT
      I   | F   | FAILED       | ABORT
      """)
  void assessesARunWithWorstPhase(String first, String second, AnalysisPhase expected, Decision decision) {
    Metric a = new Metric("a", P, Duration.ofSeconds(1), 3, Condition.parse("result < 1"), null, 0, 0, 4, Duration.ZERO);
    Metric b = new Metric("b", P, Duration.ofSeconds(1), 3, Condition.parse("result < 1"), null, 0, 0, 4, Duration.ZERO);
    Map<String, MetricResult> results = new HashMap<>();
    results.put("a", rename(results(first), "a"));
    results.put("b", rename(results(second), "b"));
    AnalysisPhase phase = AnalysisAssessor.assessRun(List.of(a, b), results, false);
    assertThat(phase).isEqualTo(expected);
    assertThat(AnalysisAssessor.decide(phase)).isEqualTo(decision);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      ''  | 5  | 3   | 3
      S   | 5  | 3   | 10
      E   |    | 1   | 15
      S   |    | 1   |
      SS  | 5  | 2   |
      """)
  void schedulesTheNextMeasurement(String sequence, Integer intervalSeconds, int count, Integer expectedSecondsAfterT0) {
    Metric m = new Metric("m", P, intervalSeconds == null ? null : Duration.ofSeconds(intervalSeconds), count,
        Condition.parse("result < 1"), null, 0, 0, 4, Duration.ofSeconds(3));
    Instant next = AnalysisAssessor.nextMeasurementAt(m, results(sequence), T0);
    if (expectedSecondsAfterT0 == null) {
      assertThat(next).isNull();
    } else {
      assertThat(next).isEqualTo(T0.plusSeconds(expectedSecondsAfterT0));
    }
  }

  /** Builds a result whose measurements finish at T0+5s, T0+10s, … */
  static MetricResult results(String sequence) {
    MetricResult r = MetricResult.empty("m");
    for (int i = 0; i < sequence.length(); i++) {
      AnalysisPhase p = switch (sequence.charAt(i)) {
        case 'S' -> AnalysisPhase.SUCCESSFUL;
        case 'F' -> AnalysisPhase.FAILED;
        case 'I' -> AnalysisPhase.INCONCLUSIVE;
        default -> AnalysisPhase.ERROR;
      };
      r = r.add(new Measurement(p, p == AnalysisPhase.ERROR ? null : "0", "", T0.plusSeconds(5L * (i + 1))));
    }
    return r;
  }

  static MetricResult rename(MetricResult r, String name) {
    return new MetricResult(name, r.measurements(), r.count(), r.successful(), r.failed(), r.inconclusive(), r.errors(),
        r.consecutiveErrors());
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
