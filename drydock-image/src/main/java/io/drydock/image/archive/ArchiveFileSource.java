package io.drydock.image.archive;

import io.drydock.image.ImageOptions;
import io.drydock.image.ImageSource;
import io.drydock.image.OpenedImage;
import io.drydock.image.oci.OciLayouts;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A bare path to an existing archive file ({@code ./alpine.tar}) or OCI layout directory, or
 * {@code archive:FILE[:REF]}: oci-archive or docker-archive, detected from the contents. Ranks above the registry
 * fallback so an existing file wins.
 */
public final class ArchiveFileSource implements ImageSource {
  public static final String SCHEME = "archive";

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public boolean accepts(String reference) {
    if (reference.startsWith(SCHEME + ":")) {
      return true;
    }
    try {
      Path p = Path.of(reference);
      return Files.isRegularFile(p) || Files.isRegularFile(p.resolve("oci-layout"));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  @Override
  public int priority() {
    return 5;
  }

  @Override
  public OpenedImage open(String reference, ImageOptions options, EventSink events) throws IOException {
    if (reference.startsWith(SCHEME + ":") && !Files.isRegularFile(Path.of(reference))) {
      io.drydock.image.oci.PathAndRef p = io.drydock.image.oci.PathAndRef.parse(SCHEME, reference);
      return ImageArchives.open(p.path(), p.ref(), reference, options, events);
    }
    Path p = Path.of(reference);
    if (Files.isDirectory(p)) {
      return OciLayouts.openDirectory(p, null, reference, options, events);
    }
    return ImageArchives.open(p, null, reference, options, events);
  }
}
