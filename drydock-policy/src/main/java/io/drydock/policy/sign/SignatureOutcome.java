package io.drydock.policy.sign;

import io.drydock.model.Digest;
import java.util.List;

/**
 * The answer the policy's {@code signature required} rule needs (image digest + registry → verified identities
 * or the reason): what {@link Verifier#outcome} returns instead of throwing.
 */
public sealed interface SignatureOutcome {
  Digest image();

  /** At least one signature verified; {@code identities} are the signed docker-references (or referrer names). */
  record Verified(Digest image, List<String> identities) implements SignatureOutcome {
    public Verified {
      identities = List.copyOf(identities);
    }
  }

  /** No signature verified; {@code reason} has the exit code, {@code message} is one line. */
  record Refused(Digest image, SignFailure.Reason reason, String message) implements SignatureOutcome {}
}
