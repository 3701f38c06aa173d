package io.drydock.image.oci;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** The files of an OCI image layout, in a directory or an archive. Paths are relative and '/'-separated. */
interface LayoutFiles extends Closeable {

  String describe();

  boolean exists(String path);

  /** Reads a small file whole; INVALID_INPUT when larger than {@code maxBytes}, NOT_FOUND when absent. */
  byte[] read(String path, long maxBytes) throws IOException;

  /** Opens a file for streaming; NOT_FOUND when absent. */
  InputStream open(String path) throws IOException;
}
