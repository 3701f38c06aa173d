package io.drydock.scan.analyzer.java;

/**
 * Bounds for reading one top-level archive and everything nested in it.
 *
 * @param maxDepth how many archives deep nesting is followed (1 = a jar inside the top-level archive)
 * @param maxTotalBytes uncompressed bytes read across all nesting levels
 * @param maxEntries zip entries seen across all nesting levels
 * @param maxRatio uncompressed:compressed ratio above which an entry is a bomb ...
 * @param ratioGraceBytes ... once it has produced more than this many bytes
 * @param maxMetaBytes largest MANIFEST.MF or pom.properties that is read
 */
record JarLimits(int maxDepth, long maxTotalBytes, long maxEntries, long maxRatio, long ratioGraceBytes,
    int maxMetaBytes) {
  static final JarLimits DEFAULT = new JarLimits(3, 1L << 30, 200_000, 100, 1L << 20, 1 << 20);

  JarLimits {
    if (maxDepth < 0 || maxTotalBytes <= 0 || maxEntries <= 0 || maxRatio <= 0 || ratioGraceBytes < 0
        || maxMetaBytes <= 0) {
      throw new IllegalArgumentException("jar limits must be positive");
    }
  }
}
