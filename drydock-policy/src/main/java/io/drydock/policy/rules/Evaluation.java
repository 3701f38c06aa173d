package io.drydock.policy.rules;

import io.drydock.model.Finding;
import io.drydock.policy.Verdict;
import io.drydock.policy.approval.Approval;
import io.drydock.policy.exception.ExceptionSet;
import io.drydock.policy.sla.SlaStatus;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The outcome of evaluating a policy on one image: the verdict and, per rule, what it found. */
public record Evaluation(String image, Tiers.Resolved tier, Verdict verdict, List<RuleResult> results,
    ExceptionSet.Applied exceptions, List<SlaLine> sla) {

  public Evaluation {
    results = List.copyOf(results);
    sla = List.copyOf(sla);
  }

  public enum Outcome { PASS, WARN, DENY, SKIP }

  /** One rule's result; {@code reasons} empty when it passed. */
  public record RuleResult(String rule, String kind, Outcome outcome, List<String> reasons) {
    public RuleResult {
      reasons = List.copyOf(reasons);
    }
  }

  /** One finding against one SLA rule. */
  public record SlaLine(String rule, Finding finding, SlaStatus status) {}

  /**
   * What the evaluation is for.
   *
   * @param change {@code check} (policy check, scan) or {@code rollout}; approval rules name the kinds they cover
   * @param subject the service or rollout name approvals are looked up for (null: none)
   * @param overrideReason the {@code --override} reason, or null
   */
  public record Context(Instant now, String change, @Nullable String subject, List<Approval> approvals,
      @Nullable String overrideReason) {
    public Context {
      approvals = List.copyOf(approvals);
    }

    public static Context check(Instant now) {
      return new Context(now, "check", null, List.of(), null);
    }
  }
}
