package io.drydock.policy;

import io.drydock.model.Finding;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The scan gate (pure): what a filtered scan report means for the build. Today's rule, with Trivy's meaning of
 * {@code --exit-code}: every finding that remains after the filters (severity, unfixed, ignore files, VEX — all
 * applied by {@link io.drydock.policy.filter.FindingFilter} before the report is made) is a reason to fail, and a
 * failing verdict exits with the context's exit code. With exit code 0 (the default) the findings are reported as
 * warnings and the verdict passes.
 */
public final class Policy {
  private Policy() {}

  /** The rule id of the gate's reasons. */
  public static final String FINDINGS_RULE = "scan.findings";

  /**
   * What the caller asked the gate to do.
   *
   * @param exitCode the exit code of a failing scan ({@code --exit-code}), 0 to 255; 0 reports but never fails
   */
  public record Context(int exitCode) {
    public Context {
      if (exitCode < 0 || exitCode > 255) {
        throw new IllegalArgumentException("exit code must be between 0 and 255, not " + exitCode);
      }
    }

    /** The process exit code of {@code verdict}: 0 when it passed, else {@link #exitCode()}. */
    public int exitCodeOf(Verdict verdict) {
      return verdict.passed() ? 0 : exitCode;
    }
  }

  /** One reason per severity that has remaining findings, highest first. */
  public static Verdict evaluate(ScanReport report, Context context) {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Finding f : report.findings()) {
      counts.merge(f.severity(), 1, Integer::sum);
    }
    Verdict.Action action = context.exitCode() == 0 ? Verdict.Action.WARN : Verdict.Action.DENY;
    List<Verdict.Reason> reasons = new ArrayList<>();
    for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.UNKNOWN)) {
      Integer n = counts.get(s);
      if (n != null) {
        reasons.add(new Verdict.Reason(FINDINGS_RULE, action, n + " " + s + (n == 1 ? " finding remains" : " findings remain") + " after the filters"));
      }
    }
    return new Verdict(reasons);
  }
}
