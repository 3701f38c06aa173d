package io.drydock.policy.sign;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;

/**
 * A signing or verification failure with its own exit code (documented in {@code drydock verify --help}). It
 * is a {@link DrydockException}, so anything that does not know these codes still prints one line.
 */
public final class SignFailure extends DrydockException {
  private static final long serialVersionUID = 1L;

  /** What went wrong; each has its exit code. */
  public enum Reason {
    /** The image has no signature (no {@code .sig} tag, no bundle referrer). */
    NO_SIGNATURE(10),
    /** A signature is there but does not verify with the key: the payload was changed, or another key signed. */
    BAD_SIGNATURE(11),
    /** A signature verifies, but its payload names another image digest. */
    OTHER_DIGEST(12),
    /** The private key does not open with the passphrase from {@code COSIGN_PASSWORD}. */
    WRONG_PASSPHRASE(13),
    /** A signature verifies, but its certificate identity or issuer is not the one asked for (keyless). */
    IDENTITY_MISMATCH(14),
    /** A key file or signature is malformed: not cosign's format. */
    MALFORMED(3);

    private final int exitCode;

    Reason(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Reason reason;

  public SignFailure(Reason reason, String message) {
    super(ErrorKind.INVALID_INPUT, message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public int exitCode() {
    return reason.exitCode();
  }
}
