package io.drydock.image.archive;

import io.drydock.image.ImageOptions;
import io.drydock.image.ImageSource;
import io.drydock.image.OpenedImage;
import io.drydock.image.oci.PathAndRef;
import io.drydock.image.oci.TarIndex;
import io.drydock.model.event.EventSink;
import java.io.IOException;

/** {@code docker-archive:FILE[:REPO:TAG|:@N]}: a {@code docker save} / {@code podman save} tar, read in place. */
public final class DockerArchiveSource implements ImageSource {
  public static final String SCHEME = "docker-archive";

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public OpenedImage open(String reference, ImageOptions options, EventSink events) throws IOException {
    PathAndRef p = PathAndRef.parse(SCHEME, reference);
    return DockerArchives.open(TarIndex.open(p.path(), reference), p.ref(), reference, options, events);
  }
}
