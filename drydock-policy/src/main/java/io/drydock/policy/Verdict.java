package io.drydock.policy;

import java.util.List;

/**
 * What the decide stage concluded about one image (or SBOM, or service): it fails when any reason is a
 * {@link Action#DENY}; warnings are reported and let it pass. Shared contract of the gate in {@code scan}
 * (issue 16) and of the policy rules (issue 9).
 */
public record Verdict(List<Reason> reasons) {

  /** What a rule does when it matches. */
  public enum Action { DENY, WARN }

  /** One rule's finding: its id (e.g. {@code sla.critical}, {@code admission.signature}), action and why. */
  public record Reason(String rule, Action action, String message) {}

  public Verdict {
    reasons = List.copyOf(reasons);
  }

  public static Verdict pass() {
    return new Verdict(List.of());
  }

  public boolean passed() {
    return reasons.stream().noneMatch(r -> r.action() == Action.DENY);
  }

  public List<Reason> denials() {
    return reasons.stream().filter(r -> r.action() == Action.DENY).toList();
  }
}
