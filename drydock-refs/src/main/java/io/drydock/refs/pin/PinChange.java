package io.drydock.refs.pin;

import io.drydock.model.Digest;
import io.drydock.refs.find.FoundRef;
import org.jspecify.annotations.Nullable;

/**
 * The verdict on one reference.
 *
 * @param ref the reference
 * @param status what was found
 * @param current the digest it is pinned to, if any
 * @param resolved the digest its tag points at now, if it was looked up
 * @param edit the edit that pins it (for UNPINNED and STALE when rewritable), else null
 * @param reason why it is NOT_PINNABLE, else null
 */
public record PinChange(FoundRef ref, PinStatus status, @Nullable Digest current, @Nullable Digest resolved,
    @Nullable Edit edit, @Nullable String reason) {

  /** Whether {@code pin --check} should fail for it. */
  public boolean failsCheck() {
    return status == PinStatus.UNPINNED || status == PinStatus.STALE || status == PinStatus.NOT_PINNABLE;
  }
}
