package io.drydock.scan.analyzer;

import io.drydock.image.layer.LayerEntry;
import java.io.InputStream;

/**
 * The content of one required layer entry. {@code content} yields exactly {@code entry.size()} bytes; the
 * analyzer must not close it (the walker does) and may stop reading early.
 */
public record AnalysisInput(LayerEntry entry, InputStream content) {
  public String path() {
    return entry.path();
  }
}
