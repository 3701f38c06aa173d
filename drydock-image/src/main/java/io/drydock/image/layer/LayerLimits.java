package io.drydock.image.layer;

/**
 * Bounds on what one layer may make the walker do; exceeding one stops the walk with an INVALID_INPUT error
 * (a bomb) or skips the entry (a name too long).
 *
 * @param maxUncompressedBytes most bytes the uncompressed tar (plus sparse-file holes) may hold
 * @param maxCompressionRatio most uncompressed bytes per compressed byte, checked once
 *     {@code ratioCheckAfterBytes} uncompressed bytes were read
 * @param ratioCheckAfterBytes uncompressed bytes after which the ratio is checked
 * @param maxPathLength longest entry path accepted (longer entries are skipped and counted)
 * @param maxHeaderBytes most bytes of tar metadata (PAX headers, GNU long names, sparse maps) one entry may carry
 * @param maxSkipsListed most skips listed one by one per layer; the rest are counted in one summary skip
 * @param maxEntries most tar entries one layer may hold (what is kept per entry is small, but not nothing)
 */
public record LayerLimits(
    long maxUncompressedBytes,
    long maxCompressionRatio,
    long ratioCheckAfterBytes,
    int maxPathLength,
    int maxHeaderBytes,
    int maxSkipsListed,
    long maxEntries) {

  public static final LayerLimits DEFAULT = new LayerLimits(64L << 30, 1000, 100L << 20, 4096, 1 << 20, 1000, 4_000_000);

  public LayerLimits {
    if (maxUncompressedBytes <= 0 || maxCompressionRatio <= 0 || ratioCheckAfterBytes < 0 || maxPathLength <= 0
        || maxHeaderBytes < 4096 || maxSkipsListed < 0 || maxEntries <= 0) {
      throw new IllegalArgumentException("invalid layer limits: sizes and ratio must be positive and maxHeaderBytes >= 4096");
    }
  }

  public LayerLimits withMaxUncompressedBytes(long max) {
    return new LayerLimits(max, maxCompressionRatio, ratioCheckAfterBytes, maxPathLength, maxHeaderBytes, maxSkipsListed, maxEntries);
  }

  public LayerLimits withCompressionRatio(long maxRatio, long checkAfterBytes) {
    return new LayerLimits(maxUncompressedBytes, maxRatio, checkAfterBytes, maxPathLength, maxHeaderBytes, maxSkipsListed, maxEntries);
  }

  public LayerLimits withMaxPathLength(int max) {
    return new LayerLimits(maxUncompressedBytes, maxCompressionRatio, ratioCheckAfterBytes, max, maxHeaderBytes, maxSkipsListed, maxEntries);
  }

  public LayerLimits withMaxEntries(long max) {
    return new LayerLimits(maxUncompressedBytes, maxCompressionRatio, ratioCheckAfterBytes, maxPathLength, maxHeaderBytes, maxSkipsListed, max);
  }
}
