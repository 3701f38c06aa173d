package io.drydock.policy.rules;

import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import java.util.List;

/**
 * Verifies an image's signatures (cosign's wire format) against what a {@code signature} rule trusts. The
 * real implementation is the CLI's {@code SignatureChecks}, over {@code io.drydock.policy.sign.Verifier}; this
 * interface is all the rule needs, so the rule is pure logic and tested with fake results.
 */
@FunctionalInterface
public interface SignatureCheck {

  /** A keyless identity: certificate subject (SAN) and OIDC issuer. */
  record Identity(String subject, String issuer) {}

  /**
   * What the rule trusts for a registry glob.
   *
   * @param keys paths of cosign public keys ({@code cosign.pub}); any one verifying suffices
   * @param identities keyless identities; any one verifying suffices
   */
  record Trust(List<String> keys, List<Identity> identities) {
    public Trust {
      keys = List.copyOf(keys);
      identities = List.copyOf(identities);
    }
  }

  /** The result of one verification. */
  sealed interface Result permits Verified, Failed {}

  /** At least one signature verified; {@code identities} says by what ({@code key:cosign.pub}, {@code subject@issuer}). */
  record Verified(List<String> identities) implements Result {
    public Verified {
      identities = List.copyOf(identities);
    }
  }

  /** No signature verified; {@code reason} is one line ("no signature", "signature of another digest", …). */
  record Failed(String reason) implements Result {}

  Result verify(ImageRef ref, Digest digest, Trust trust);

  /** Where no registry may be reached: every check fails with a clear reason. */
  SignatureCheck UNAVAILABLE = (ref, digest, trust) -> new Failed("signature verification is not available in this build");
}
