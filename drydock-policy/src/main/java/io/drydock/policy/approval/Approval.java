package io.drydock.policy.approval;

import io.drydock.model.Digest;
import java.time.Instant;
import java.util.Objects;

/**
 * One person's approval of one image digest for one service or rollout. It is bound to the digest: a new
 * image needs new approvals.
 *
 * @param subject the service (or rollout) name it was given for
 */
public record Approval(String subject, Digest digest, String by, String reason, Instant at) {
  public Approval {
    Objects.requireNonNull(digest, "digest");
    if (subject.isBlank() || by.isBlank()) {
      throw new IllegalArgumentException("an approval needs a subject and an approver");
    }
    if (reason.isBlank()) {
      throw new IllegalArgumentException("an approval needs a reason");
    }
  }
}
