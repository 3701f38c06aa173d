package io.drydock.cli.refs;

import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.model.Finding;
import io.drydock.model.ImageRef;
import io.drydock.model.event.EventSink;
import io.drydock.refs.outdated.CandidateScanner;
import io.drydock.scan.ScanService;
import io.drydock.scan.db.VulnDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The candidate scanner of {@code drydock outdated}: each candidate image is inventoried (layers shared with the
 * current image come from the layer cache) and matched against the vulnerability DB in the cache dir. Without a
 * DB, candidates are ranked by version alone and the user is told how to get one.
 */
record ScanningCandidates(VulnDb db, ScanService service, ImageOptionsMixin options) implements CandidateScanner, AutoCloseable {

  /** A scanner over the cache dir's DB, or {@link CandidateScanner#NONE} (with a warning) when there is none. */
  static CandidateScanner open(ImageOptionsMixin options, EventSink events) throws IOException {
    Path file = options.vulnDbFile(null);
    if (!Files.isRegularFile(file)) {
      events.warn("no vulnerability DB at " + file + "; candidates are ranked by version only (run 'drydock db update' or 'drydock db import')");
      return CandidateScanner.NONE;
    }
    VulnDb db = VulnDb.open(file);
    return new ScanningCandidates(db, options.scanService(events), options);
  }

  @Override
  public Optional<Set<String>> vulnerabilities(ImageRef candidate) throws IOException {
    Set<String> ids = new TreeSet<>();
    for (Finding f : service.match(db, service.inventory(candidate.toString(), options.toImageOptions()).sbom()).findings()) {
      ids.add(f.id());
    }
    return Optional.of(ids);
  }

  @Override
  public void close() {
    db.close();
  }
}
