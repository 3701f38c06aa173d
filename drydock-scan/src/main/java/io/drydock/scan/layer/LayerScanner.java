package io.drydock.scan.layer;

import io.drydock.image.layer.LayerEntry;
import io.drydock.image.layer.LayerWalker;
import io.drydock.image.layer.WalkSummary;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Walks one layer once and dispatches each file to the analyzers that declared they need it
 * ({@link Analyzer#isRequired}). An entry needed by one analyzer is streamed to it; an entry needed by several
 * is read once into memory, up to {@code maxSharedBytes} (a bigger one goes to the first analyzer only and
 * the others record a skip). An analyzer that throws on a file (other than a {@link DrydockException})
 * records a skip; the walk goes on.
 */
public final class LayerScanner {
  public static final int DEFAULT_MAX_SHARED_BYTES = 64 << 20;

  private final List<Analyzer> analyzers;
  private final LayerWalker walker;
  private final int maxSharedBytes;

  public LayerScanner(List<Analyzer> analyzers, LayerWalker walker, int maxSharedBytes) {
    this.analyzers = List.copyOf(analyzers);
    if (this.analyzers.stream().map(Analyzer::name).distinct().count() != this.analyzers.size()) {
      throw new IllegalArgumentException("two analyzers share a name: " + this.analyzers.stream().map(Analyzer::name).toList());
    }
    this.walker = walker;
    if (maxSharedBytes < 0) {
      throw new IllegalArgumentException("negative maxSharedBytes");
    }
    this.maxSharedBytes = maxSharedBytes;
  }

  public static LayerScanner of(List<Analyzer> analyzers) {
    return new LayerScanner(analyzers, LayerWalker.withDefaults(), DEFAULT_MAX_SHARED_BYTES);
  }

  /**
   * Scans the layer blob (not closed), checking it against {@code diffId}.
   *
   * @param progress receives the number of blob bytes read so far, now and then
   */
  public LayerResult scan(InputStream blob, Digest diffId, LongConsumer progress) throws IOException {
    Collector collector = new Collector(diffId);
    WalkSummary summary = walker.walk(blob, diffId, collector::visit, progress);
    List<Skip> skipped = new ArrayList<>(summary.skipped());
    skipped.addAll(collector.skipped);
    return new LayerResult(diffId, collector.results, collector.paths, collector.whiteouts, collector.opaqueDirs,
        skipped, summary.uncompressedBytes());
  }

  private final class Collector {
    private final Digest diffId;
    final Map<String, Map<String, AnalysisResult>> results = new TreeMap<>();
    final Map<String, String> paths = new HashMap<>();
    final List<String> whiteouts = new ArrayList<>();
    final List<String> opaqueDirs = new ArrayList<>();
    final List<Skip> skipped = new ArrayList<>();
    private final List<Analyzer> wanting = new ArrayList<>(4);

    Collector(Digest diffId) {
      this.diffId = diffId;
    }

    void visit(LayerEntry entry, InputStream content) throws IOException {
      switch (entry.type()) {
        case WHITEOUT -> {
          whiteouts.add(entry.path());
          return;
        }
        case OPAQUE -> {
          opaqueDirs.add(entry.path());
          return;
        }
        default -> paths.put(entry.path(), PathKind.of(entry));
      }
      if (entry.type() != LayerEntry.Type.FILE) {
        return;
      }
      wanting.clear();
      for (Analyzer analyzer : analyzers) {
        if (analyzer.isRequired(entry)) {
          wanting.add(analyzer);
        }
      }
      if (wanting.isEmpty()) {
        return;
      }
      if (wanting.size() == 1) {
        run(wanting.get(0), entry, content);
        return;
      }
      if (entry.size() > maxSharedBytes) {
        run(wanting.get(0), entry, content);
        for (Analyzer other : wanting.subList(1, wanting.size())) {
          skipped.add(new Skip(where(entry), other.name() + ": file of " + entry.size()
              + " bytes is too large to share between analyzers (limit " + maxSharedBytes + ")"));
        }
        return;
      }
      byte[] bytes = content.readNBytes((int) entry.size());
      for (Analyzer analyzer : wanting) {
        run(analyzer, entry, new ByteArrayInputStream(bytes));
      }
    }

    private void run(Analyzer analyzer, LayerEntry entry, InputStream content) {
      AnalysisResult result;
      try {
        result = analyzer.analyze(new AnalysisInput(entry, content));
      } catch (DrydockException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        skipped.add(new Skip(where(entry), analyzer.name() + " failed: " + oneLine(e)));
        return;
      }
      if (result != null && (result.os() != null || !result.packages().isEmpty() || !result.skipped().isEmpty())) {
        results.computeIfAbsent(analyzer.name(), k -> new TreeMap<>()).put(entry.path(), result);
      }
    }

    private String where(LayerEntry entry) {
      return "layer " + diffId + " file " + entry.path();
    }
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("[\\r\\n]+", " ");
  }
}
