package io.drydock.scan.layer;

import io.drydock.model.Digest;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Replays layers bottom-up as an overlay filesystem does, in pure code: in each layer, opaque directories
 * hide what lower layers put under them, whiteouts delete a path and everything under it, then the layer's
 * own paths are added, a non-directory replacing whatever lower layers had at and under its path. A result
 * lives as long as its path does and is replaced when an upper layer writes the path again.
 *
 * <p>A package's origin is the lowest layer from which a package with the same type, name, version and
 * location has been present without interruption up to the top: a package DB rewritten by an upper layer
 * keeps its old packages at their old layers; a package removed and re-added later starts again.
 */
public final class LayerApplier {
  private LayerApplier() {}

  private record Held(int layer, Map<String, AnalysisResult> byAnalyzer) {}

  private record PackageKey(PackageType type, String name, String version, String location) {
    static PackageKey of(Package p) {
      return new PackageKey(p.type(), p.name(), p.version(), p.location());
    }
  }

  /** Applies {@code layers} (index 0 = bottom). */
  public static AppliedImage apply(List<LayerResult> layers) {
    TreeMap<String, String> paths = new TreeMap<>();
    TreeMap<String, Held> results = new TreeMap<>();
    Map<PackageKey, Integer> origin = new HashMap<>();
    List<Skip> skipped = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < layers.size(); i++) {
      LayerResult layer = layers.get(i);
      bytes += layer.uncompressedBytes();
      skipped.addAll(walkerSkips(layer));
      for (String dir : layer.opaqueDirs()) {
        removeUnder(paths, dir);
        removeUnder(results, dir);
      }
      for (String gone : layer.whiteouts()) {
        paths.remove(gone);
        results.remove(gone);
        removeUnder(paths, gone);
        removeUnder(results, gone);
      }
      for (Map.Entry<String, String> added : layer.paths().entrySet()) {
        String path = added.getKey();
        if (!PathKind.isDirectory(added.getValue())) {
          removeUnder(paths, path);
          removeUnder(results, path);
        }
        paths.put(path, added.getValue());
        results.remove(path);
      }
      Map<String, Map<String, AnalysisResult>> byPath = new TreeMap<>();
      layer.results().forEach((analyzer, found) -> found.forEach((path, result) -> {
        if (layer.paths().containsKey(path)) {
          byPath.computeIfAbsent(path, p -> new TreeMap<>()).put(analyzer, result);
        }
      }));
      int index = i;
      byPath.forEach((path, byAnalyzer) -> results.put(path, new Held(index, byAnalyzer)));
      Map<PackageKey, Integer> next = new HashMap<>();
      for (Held held : results.values()) {
        for (AnalysisResult result : held.byAnalyzer().values()) {
          for (Package p : result.packages()) {
            PackageKey key = PackageKey.of(p);
            next.putIfAbsent(key, origin.getOrDefault(key, index));
          }
        }
      }
      origin = next;
    }
    return finalView(layers, paths, results, origin, skipped, bytes);
  }

  private static AppliedImage finalView(List<LayerResult> layers, TreeMap<String, String> paths,
      TreeMap<String, Held> results, Map<PackageKey, Integer> origin, List<Skip> skipped, long bytes) {
    Map<String, Map<String, AnalysisResult>> byAnalyzer = new TreeMap<>();
    List<Package> packages = new ArrayList<>();
    Map<String, OsInfo> os = new LinkedHashMap<>();
    for (Map.Entry<String, Held> e : results.entrySet()) {
      String path = e.getKey();
      for (Map.Entry<String, AnalysisResult> r : e.getValue().byAnalyzer().entrySet()) {
        AnalysisResult result = r.getValue();
        byAnalyzer.computeIfAbsent(r.getKey(), k -> new TreeMap<>()).put(path, result);
        for (Package p : result.packages()) {
          Digest layer = layers.get(origin.get(PackageKey.of(p))).diffId();
          packages.add(p.withLayer(layer));
        }
        if (result.os() != null) {
          os.putIfAbsent(path, result.os());
        }
        skipped.addAll(result.skipped());
      }
    }
    return new AppliedImage(byAnalyzer, packages, os, paths, skipped, layers.size(), bytes);
  }

  /** The layer's own skips; analyzer skips are taken from the final view only. */
  private static List<Skip> walkerSkips(LayerResult layer) {
    return layer.skipped();
  }

  /** Removes every key strictly under {@code dir} ("" = the root: everything). */
  static <V> void removeUnder(NavigableMap<String, V> map, String dir) {
    if (dir.isEmpty()) {
      map.clear();
    } else {
      map.subMap(dir + "/", true, dir + "0", false).clear();
    }
  }
}
