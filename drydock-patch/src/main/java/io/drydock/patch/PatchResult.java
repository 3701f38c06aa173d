package io.drydock.patch;

import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What patching produced.
 *
 * @param status pushed, a dry run, or nothing to do
 * @param source the image replaced
 * @param sourceDigest its manifest digest, when known
 * @param patched the new image as {@code repo:tag@digest}; null unless {@link Status#PUSHED}
 * @param fixed the finding ids the patched image no longer has (from its rescan; the plan's for a dry run)
 * @param addedBytes bytes of the layers the patched image does not share with the source (compressed)
 * @param imageBytes bytes of all the patched image's layers (compressed)
 * @param labels the labels written into the image config
 */
public record PatchResult(Status status, ImageRef source, @Nullable Digest sourceDigest, @Nullable ImageRef patched,
    List<String> fixed, long addedBytes, long imageBytes, Map<String, String> labels) {
  public PatchResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(source, "source");
    if (status == Status.PUSHED && (patched == null || patched.digest() == null || patched.tag() == null)) {
      throw new IllegalArgumentException("a pushed result needs the new tag@digest, got " + patched);
    }
    fixed = List.copyOf(fixed);
    labels = Map.copyOf(labels);
  }

  public enum Status {
    /** Built or patched, rescanned, tagged and pushed. */
    PUSHED,
    /** {@code --dry-run}: nothing built or pushed. */
    DRY_RUN,
    /** The plan had nothing to apply. */
    NOOP
  }
}
