package io.drydock.scan.layer;

import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisResult;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The final view of an image after its layers are applied.
 *
 * @param results analyzer name → path → result, each from the topmost layer that holds the path
 * @param packages every package of the final view, in path then analyzer order, with {@link Package#layer()}
 *     set to the diffID of the layer that introduced it
 * @param osByPath OS facts by release-file path (the first analyzer by name wins for one path)
 * @param paths every path of the final view → its {@link PathKind} code
 * @param skipped walker skips of every layer and the analyzers' skips of the final view
 * @param layerCount number of layers applied
 * @param uncompressedBytes sum of the layers' tar sizes
 */
public record AppliedImage(
    Map<String, Map<String, AnalysisResult>> results,
    List<Package> packages,
    Map<String, OsInfo> osByPath,
    NavigableMap<String, String> paths,
    List<Skip> skipped,
    int layerCount,
    long uncompressedBytes) {

  public AppliedImage {
    TreeMap<String, Map<String, AnalysisResult>> sorted = new TreeMap<>();
    results.forEach((analyzer, byPath) -> sorted.put(analyzer, Collections.unmodifiableMap(new TreeMap<>(byPath))));
    results = Collections.unmodifiableMap(sorted);
    packages = List.copyOf(packages);
    osByPath = Collections.unmodifiableMap(new TreeMap<>(osByPath));
    paths = Collections.unmodifiableNavigableMap(new TreeMap<>(paths));
    skipped = List.copyOf(skipped);
  }
}
