package io.drydock.scan;

import io.drydock.image.ImageOptions;
import io.drydock.image.ImageSources;
import io.drydock.image.OpenedImage;
import io.drydock.model.event.EventSink;
import io.drydock.scan.analyzer.Analyzer;
import io.drydock.scan.analyzer.lang.LanguageAnalyzers;
import io.drydock.scan.analyzer.os.OsAnalyzers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What is in an image, and which layer brought it: opens any image reference, runs every analyzer over its
 * layers (one pass per layer, cached by diffID) and returns the SBOM and the final-view facts.
 */
public final class Inventory {
  private final ImageSources sources;
  private final List<Analyzer> analyzers;
  private final @Nullable Path cacheDir;
  private final EventSink events;

  private Inventory(ImageSources sources, List<Analyzer> analyzers, @Nullable Path cacheDir, EventSink events) {
    this.sources = sources;
    this.analyzers = List.copyOf(analyzers);
    this.cacheDir = cacheDir;
    this.events = events;
  }

  /**
   * The standard inventory: every image source and every analyzer.
   *
   * @param cacheDir per-layer results are cached under it; null disables the cache
   * @param workDir temporary files (rpm databases, engine exports) go under it
   */
  public static Inventory create(@Nullable Path cacheDir, Path workDir, EventSink events) throws IOException {
    Files.createDirectories(workDir);
    List<Analyzer> all = new ArrayList<>(OsAnalyzers.all(workDir));
    all.addAll(LanguageAnalyzers.all());
    return new Inventory(ImageSources.load(), all, cacheDir, events);
  }

  public static Inventory of(ImageSources sources, List<Analyzer> analyzers, @Nullable Path cacheDir, EventSink events) {
    return new Inventory(sources, analyzers, cacheDir, events);
  }

  /** Opens {@code reference} and builds its SBOM. */
  public SbomBuilder.Result take(String reference, ImageOptions options) throws IOException {
    try (OpenedImage image = sources.open(reference, options, events)) {
      return SbomBuilder.of(analyzers, cacheDir, events).build(image);
    }
  }

  public List<Analyzer> analyzers() {
    return analyzers;
  }
}
