package io.drydock.image.layer;

import io.drydock.model.Digest;
import io.drydock.model.Skip;
import java.util.List;

/**
 * What one walk of a layer saw.
 *
 * @param diffId sha256 of the uncompressed tar, equal to the expected diffID
 * @param compressedBytes bytes of the blob read
 * @param uncompressedBytes bytes of the uncompressed tar
 * @param entries entries delivered to the visitor
 * @param skipped entries not delivered (unsafe paths, over-long names), at most {@code maxSkipsListed} plus one
 *     summary
 */
public record WalkSummary(
    Digest diffId, Compression compression, long compressedBytes, long uncompressedBytes, long entries, List<Skip> skipped) {
  public WalkSummary {
    skipped = List.copyOf(skipped);
  }
}
