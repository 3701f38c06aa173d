package io.drydock.scan.db;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** Test resources as paths. */
final class Resources {
  private Resources() {}

  static Path of(String name) {
    try {
      return Path.of(Objects.requireNonNull(Resources.class.getResource(name), name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
