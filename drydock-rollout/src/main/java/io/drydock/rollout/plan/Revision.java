package io.drydock.rollout.plan;

import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import java.util.Objects;

/**
 * One deployed version of a service: a number that grows with each rollout and the image pinned to its digest.
 *
 * @param image the reference as the user gave it, with {@code digest} attached
 */
public record Revision(int number, ImageRef image, Digest digest) {
  public Revision {
    if (number < 1) {
      throw new IllegalArgumentException("revision numbers start at 1");
    }
    Objects.requireNonNull(digest);
    image = image.withDigest(digest);
  }
}
