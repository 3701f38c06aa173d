package io.drydock.policy.approval;

import io.drydock.model.Digest;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How many distinct people must approve a change of these kinds.
 *
 * @param changes the kinds of change it applies to: {@code rollout}, {@code override}
 */
public record ApprovalRequirement(int approvers, Set<String> changes) {

  public static final Set<String> KINDS = Set.of("rollout", "override");

  public ApprovalRequirement {
    if (approvers < 1) {
      throw new IllegalArgumentException("approvers must be 1 or more");
    }
    changes = Set.copyOf(changes);
    for (String c : changes) {
      if (!KINDS.contains(c)) {
        throw new IllegalArgumentException("unknown change kind '" + c + "' (rollout, override)");
      }
    }
  }

  /** Distinct approvers of exactly this subject and digest; approvals of other digests do not count. */
  public static Set<String> approversOf(List<Approval> approvals, String subject, Digest digest) {
    Set<String> by = new TreeSet<>();
    for (Approval a : approvals) {
      if (a.subject().equals(subject) && a.digest().equals(digest)) {
        by.add(a.by());
      }
    }
    return by;
  }

  /** Null when satisfied, else what is missing. */
  public @org.jspecify.annotations.Nullable String missing(String change, List<Approval> approvals, String subject,
      @org.jspecify.annotations.Nullable Digest digest) {
    if (!changes.isEmpty() && !changes.contains(change)) {
      return null;
    }
    if (digest == null) {
      return "needs " + approvers + " approval(s) of a digest, and the image has no digest";
    }
    Set<String> have = approversOf(approvals, subject, digest);
    if (have.size() >= approvers) {
      return null;
    }
    return "needs " + approvers + " approver(s) of " + digest.shortHex() + " for " + change + " of " + subject + ", has "
        + have.size() + (have.isEmpty() ? "" : " " + have) + " (drydock approve " + subject + " --by NAME --reason TEXT)";
  }
}
