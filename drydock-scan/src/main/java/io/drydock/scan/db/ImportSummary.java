package io.drydock.scan.db;

import io.drydock.model.Skip;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What an import wrote.
 *
 * @param advisories records stored (withdrawn ones included)
 * @param withdrawn of those, how many are withdrawn (kept, never matched)
 * @param duplicates records whose id was already stored; the one with the later {@code modified} was kept
 * @param notAffected Alpine secdb ids listed under {@code "0"} (not affected), which are not stored
 * @param skips records or files that were not imported, each with its reason (at most 1000 listed)
 * @param skipCount how many were skipped in all
 * @param severityFromAliases records without a severity of their own that took it from an alias's record
 */
public record ImportSummary(
    Path database, long advisories, long withdrawn, long duplicates, long notAffected, List<Skip> skips, Instant updatedAt,
    long skipCount, long severityFromAliases) {
  public ImportSummary {
    skips = List.copyOf(skips);
  }
}
