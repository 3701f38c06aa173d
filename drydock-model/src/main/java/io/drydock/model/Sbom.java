package io.drydock.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What is in an image and which layer brought it: the answer every later stage consumes. */
public record Sbom(ImageMetadata image, @Nullable OsInfo os, List<Package> packages, List<Skip> skipped) {
  public Sbom {
    packages = List.copyOf(packages);
    skipped = List.copyOf(skipped);
  }
}
