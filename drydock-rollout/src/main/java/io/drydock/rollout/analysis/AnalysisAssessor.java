package io.drydock.rollout.analysis;

import io.drydock.rollout.spec.Condition;
import io.drydock.rollout.spec.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Pure assessment of measurements with the semantics of Argo Rollouts' analysis controller
 * ({@code evaluateResult}, {@code assessMetricStatus}, {@code asssessRunStatus}). What the rollout does with
 * the outcome is {@link #decide}: Successful continues, Inconclusive pauses, Failed and Error abort.
 */
public final class AnalysisAssessor {
  /** Argo's DefaultErrorRetryInterval: the wait after an error when the metric has no interval. */
  public static final Duration ERROR_RETRY_INTERVAL = Duration.ofSeconds(10);

  private AnalysisAssessor() {}

  /** What a rollout does with an analysis run's phase. */
  public enum Decision { CONTINUE, WAIT, PAUSE, ABORT }

  /**
   * Phase of one measured value: failure condition true → Failed; success condition true → Successful;
   * only a success condition and it is false → Failed; only a failure condition and it is false →
   * Successful; both present and neither true → Inconclusive; no condition → Successful. A value the
   * conditions cannot compare is an Error.
   */
  public static AnalysisPhase evaluate(Metric metric, Object value) {
    Condition sc = metric.successCondition();
    Condition fc = metric.failureCondition();
    boolean success = false;
    boolean failure = false;
    try {
      if (sc != null) {
        success = sc.test(value);
      }
      if (fc != null) {
        failure = fc.test(value);
      }
    } catch (IllegalArgumentException e) {
      return AnalysisPhase.ERROR;
    }
    if (sc == null && fc == null) {
      return AnalysisPhase.SUCCESSFUL;
    } else if (sc != null && fc == null) {
      failure = !success;
    } else if (sc == null) {
      success = !failure;
    }
    if (failure) {
      return AnalysisPhase.FAILED;
    }
    return success ? AnalysisPhase.SUCCESSFUL : AnalysisPhase.INCONCLUSIVE;
  }

  /** Argo's assessMetricStatus. {@code terminating}: the run was asked to stop or another metric ended it badly. */
  public static AnalysisPhase assessMetric(Metric metric, MetricResult result, boolean terminating) {
    if (result.measurements().isEmpty()) {
      return terminating ? AnalysisPhase.SUCCESSFUL : AnalysisPhase.PENDING;
    }
    if (result.failed() > metric.failureLimit()) {
      return AnalysisPhase.FAILED;
    }
    if (result.inconclusive() > metric.inconclusiveLimit()) {
      return AnalysisPhase.INCONCLUSIVE;
    }
    if (result.consecutiveErrors() > metric.consecutiveErrorLimit()) {
      return AnalysisPhase.ERROR;
    }
    Integer count = metric.effectiveCount();
    if (count != null && result.count() >= count) {
      return AnalysisPhase.SUCCESSFUL;
    }
    return terminating ? AnalysisPhase.SUCCESSFUL : AnalysisPhase.RUNNING;
  }

  /**
   * Argo's asssessRunStatus: Running while any metric runs, otherwise the worst completed phase. A metric
   * that ended Failed, Error or Inconclusive terminates the run, so the others are assessed as terminating.
   */
  public static AnalysisPhase assessRun(List<Metric> metrics, Map<String, MetricResult> results, boolean terminate) {
    boolean terminating = terminate;
    for (Metric m : metrics) {
      AnalysisPhase p = assessMetric(m, results.getOrDefault(m.name(), MetricResult.empty(m.name())), false);
      if (p == AnalysisPhase.FAILED || p == AnalysisPhase.ERROR || p == AnalysisPhase.INCONCLUSIVE) {
        terminating = true;
      }
    }
    AnalysisPhase worst = null;
    for (Metric m : metrics) {
      AnalysisPhase p = assessMetric(m, results.getOrDefault(m.name(), MetricResult.empty(m.name())), terminating);
      if (!p.completed()) {
        return AnalysisPhase.RUNNING;
      }
      if (worst == null || p.worseThan(worst)) {
        worst = p;
      }
    }
    return worst == null ? AnalysisPhase.SUCCESSFUL : worst;
  }

  /**
   * When the metric's next measurement is due, or null when it needs none (count reached, or completed).
   * The first measurement waits {@code initialDelay} from the run's start; later ones {@code interval}
   * after the previous one (or {@link #ERROR_RETRY_INTERVAL} after an error without an interval).
   */
  public static @Nullable Instant nextMeasurementAt(Metric metric, MetricResult result, Instant runStarted) {
    if (assessMetric(metric, result, false).completed()) {
      return null;
    }
    Measurement last = result.last();
    if (last == null) {
      return runStarted.plus(metric.initialDelay());
    }
    Duration interval = metric.interval();
    if (interval == null) {
      interval = last.phase() == AnalysisPhase.ERROR ? ERROR_RETRY_INTERVAL : Duration.ZERO;
    }
    return last.finishedAt().plus(interval);
  }

  /** Argo's rollout reaction to an analysis run: abort on Failed or Error, pause on Inconclusive. */
  public static Decision decide(AnalysisPhase runPhase) {
    return switch (runPhase) {
      case SUCCESSFUL -> Decision.CONTINUE;
      case INCONCLUSIVE -> Decision.PAUSE;
      case FAILED, ERROR -> Decision.ABORT;
      default -> Decision.WAIT;
    };
  }
}
