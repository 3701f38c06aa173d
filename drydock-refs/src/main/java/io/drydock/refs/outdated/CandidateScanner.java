package io.drydock.refs.outdated;

import io.drydock.model.ImageRef;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Scans a candidate image and says which vulnerabilities it has (ids such as {@code CVE-2024-1234} or OSV ids,
 * one per advisory after alias merging). Empty when there is no vulnerability database to scan with, in which case
 * candidates are ranked by version alone. The scan pipeline provides the real one; {@link #NONE} has no database.
 */
@FunctionalInterface
public interface CandidateScanner {
  CandidateScanner NONE = candidate -> Optional.empty();

  Optional<Set<String>> vulnerabilities(ImageRef candidate) throws IOException;
}
