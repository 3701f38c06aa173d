package io.drydock.scan.layer;

import io.drydock.model.Digest;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisResult;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one layer holds, as data: the analyzers' results and the file facts the layer applier needs. This is
 * what the per-layer cache stores.
 *
 * @param results analyzer name → path → non-empty result
 * @param paths every path the layer adds or replaces → its {@link PathKind} code
 * @param whiteouts paths the layer deletes from the layers below (with everything under them)
 * @param opaqueDirs directories whose content from the layers below the layer hides
 * @param skipped entries not delivered by the walker and entries an analyzer failed on
 * @param uncompressedBytes size of the layer's tar
 */
public record LayerResult(
    Digest diffId,
    Map<String, Map<String, AnalysisResult>> results,
    Map<String, String> paths,
    List<String> whiteouts,
    List<String> opaqueDirs,
    List<Skip> skipped,
    long uncompressedBytes) {

  public LayerResult {
    Objects.requireNonNull(diffId, "diffId");
    TreeMap<String, Map<String, AnalysisResult>> sorted = new TreeMap<>();
    results.forEach((analyzer, byPath) -> sorted.put(analyzer, Collections.unmodifiableMap(new TreeMap<>(byPath))));
    results = Collections.unmodifiableMap(sorted);
    paths = Collections.unmodifiableMap(new TreeMap<>(paths));
    whiteouts = List.copyOf(whiteouts);
    opaqueDirs = List.copyOf(opaqueDirs);
    skipped = List.copyOf(skipped);
    for (String code : paths.values()) {
      if (code.isEmpty() || "dfl ho".indexOf(code.charAt(0)) < 0 || code.charAt(0) == ' ') {
        throw new IllegalArgumentException("invalid path kind '" + code + "' in layer " + diffId);
      }
    }
  }
}
