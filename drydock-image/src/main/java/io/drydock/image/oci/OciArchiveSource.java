package io.drydock.image.oci;

import io.drydock.image.ImageOptions;
import io.drydock.image.ImageSource;
import io.drydock.image.OpenedImage;
import io.drydock.model.event.EventSink;
import java.io.IOException;

/** {@code oci-archive:FILE[:REF]}: an OCI image layout in a tar, read in place (indexed once, never extracted). */
public final class OciArchiveSource implements ImageSource {
  public static final String SCHEME = "oci-archive";

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public OpenedImage open(String reference, ImageOptions options, EventSink events) throws IOException {
    PathAndRef p = PathAndRef.parse(SCHEME, reference);
    TarIndex tar = TarIndex.open(p.path(), reference);
    return OciLayouts.openArchive(tar, p.ref(), reference, options, events);
  }
}
