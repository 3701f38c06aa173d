package io.drydock.scan;

import io.drydock.image.OpenedImage;
import io.drydock.image.layer.LayerLimits;
import io.drydock.image.layer.LayerWalker;
import io.drydock.model.ImageMetadata;
import io.drydock.model.LayerInfo;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.Sbom;
import io.drydock.model.event.EventSink;
import io.drydock.scan.analyzer.Analyzer;
import io.drydock.scan.analyzer.os.OsDetection;
import io.drydock.scan.layer.AppliedImage;
import io.drydock.scan.layer.LayerApplier;
import io.drydock.scan.layer.LayerResult;
import io.drydock.scan.layer.LayerScanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds the SBOM of an opened image: each layer is taken from the per-layer cache or walked once (its
 * entries dispatched to the analyzers that need them), the layers are applied bottom-up, and the OS and OS
 * packages are finished with {@link OsDetection}. Emits a {@code Progress} event per layer ({@code task} =
 * {@value #PROGRESS_TASK}, {@code item} = the layer's diffID, bytes read of the stored blob size).
 */
public final class SbomBuilder {
  public static final String PROGRESS_TASK = "layer";

  private final List<Analyzer> analyzers;
  private final @Nullable LayerCache cache;
  private final EventSink events;
  private final LayerLimits limits;

  private SbomBuilder(List<Analyzer> analyzers, @Nullable LayerCache cache, EventSink events, LayerLimits limits) {
    this.analyzers = List.copyOf(analyzers);
    this.cache = cache;
    this.events = Objects.requireNonNull(events);
    this.limits = Objects.requireNonNull(limits);
  }

  /**
   * @param cacheDir where per-layer results are cached (see {@link LayerCache#defaultDir}); null = no cache
   */
  public static SbomBuilder of(List<Analyzer> analyzers, @Nullable Path cacheDir, EventSink events) {
    return new SbomBuilder(analyzers, cacheDir == null ? null : LayerCache.at(cacheDir), events, LayerLimits.DEFAULT);
  }

  public SbomBuilder withLimits(LayerLimits newLimits) {
    return new SbomBuilder(analyzers, cache, events, newLimits);
  }

  /** The SBOM and the inspect facts of one image. */
  public record Result(Sbom sbom, ImageFacts facts, AppliedImage applied) {}

  /** Builds the SBOM and the final-view facts of {@code image}. */
  public Result build(OpenedImage image) throws IOException {
    ImageMetadata metadata = image.metadata();
    LayerScanner scanner = new LayerScanner(analyzers, LayerWalker.of(limits), LayerScanner.DEFAULT_MAX_SHARED_BYTES);
    String key = LayerCache.analyzersKey(analyzers);
    List<LayerResult> layers = new ArrayList<>(metadata.layers().size());
    for (int i = 0; i < metadata.layers().size(); i++) {
      layers.add(layer(image, i, metadata.layers().get(i), scanner, key));
    }
    AppliedImage applied = LayerApplier.apply(layers);
    OsInfo os = OsDetection.merge(applied.osByPath());
    List<Package> packages = OsDetection.finish(applied.packages(), os);
    Sbom sbom = new Sbom(metadata, os, packages, applied.skipped());
    ImageFacts facts = ImageFacts.of(applied.paths(), applied.layerCount(), applied.uncompressedBytes());
    return new Result(sbom, facts, applied);
  }

  private LayerResult layer(OpenedImage image, int index, LayerInfo info, LayerScanner scanner, String key)
      throws IOException {
    String item = info.diffId().toString();
    if (cache != null) {
      Optional<LayerResult> hit = cache.get(info.diffId(), key);
      if (hit.isPresent()) {
        events.debug("layer " + (index + 1) + " " + info.diffId().shortHex() + ": analysis from the cache");
        events.progress(PROGRESS_TASK, item, info.size(), info.size());
        return hit.get();
      }
    }
    events.progress(PROGRESS_TASK, item, 0, info.size());
    LayerResult result;
    try (InputStream blob = image.openLayerBlob(index)) {
      result = scanner.scan(blob, info.diffId(), done -> {
        if (done < info.size()) {
          events.progress(PROGRESS_TASK, item, done, info.size());
        }
      });
    }
    events.progress(PROGRESS_TASK, item, info.size(), info.size());
    if (cache != null) {
      try {
        cache.put(key, result);
      } catch (IOException e) {
        events.warn("Tried to cache the analysis of layer " + info.diffId() + " but failed because: " + e);
      }
    }
    return result;
  }
}
