package io.drydock.scan.analyzer;

import io.drydock.image.layer.LayerEntry;
import java.io.IOException;

/**
 * Reads one kind of file in a layer and says what it found. An analyzer declares the paths it needs; the
 * layer walker reads each layer once and hands it only those entries (Trivy's fanal idea).
 *
 * <p>Analyzers are pure with respect to the outside world: they read the content they are given and return
 * data. They must bound what they allocate (a package DB of 10 GB or a zip bomb must not exhaust memory) and
 * report what they could not parse as {@link AnalysisResult#skipped()} rather than throw, unless the input is
 * unusable as a whole.
 */
public interface Analyzer {

  /** Stable name, used in cache keys and reports ({@code dpkg}, {@code apk}, {@code jar}). */
  String name();

  /** Bump when the output for the same input changes; part of the per-layer cache key. */
  int version();

  /** True when this analyzer needs the content of {@code entry} (path relative to the root, no leading '/'). */
  boolean isRequired(LayerEntry entry);

  /** Analyses one required entry. */
  AnalysisResult analyze(AnalysisInput input) throws IOException;
}
