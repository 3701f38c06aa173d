package io.drydock.cli.policy;

import io.drydock.policy.rules.SignatureCheck;

/**
 * Where the {@code signature} rule gets its {@link SignatureCheck}. Verification of cosign signatures lands
 * with signing (branch {@code sign}); until then every check fails with "not available", so a policy that
 * requires signatures denies rather than passes.
 */
public final class SignatureChecks {
  private SignatureChecks() {}

  public static SignatureCheck current() {
    return SignatureCheck.UNAVAILABLE;
  }
}
