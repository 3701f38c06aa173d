package io.drydock.image.layer;

import java.io.IOException;
import java.io.InputStream;

/** Receives the entries of one layer, in tar order. */
@FunctionalInterface
public interface LayerVisitor {

  /**
   * Called once per safe entry. {@code content} yields the entry's bytes ({@code entry.size()} of them for
   * files, none otherwise); it is valid only during this call, need not be read or closed, and closing it
   * does nothing. Content not read is skipped by the walker.
   */
  void visit(LayerEntry entry, InputStream content) throws IOException;
}
