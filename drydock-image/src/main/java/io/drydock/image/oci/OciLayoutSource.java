package io.drydock.image.oci;

import io.drydock.image.ImageOptions;
import io.drydock.image.ImageSource;
import io.drydock.image.OpenedImage;
import io.drydock.model.event.EventSink;
import java.io.IOException;

/** {@code oci:DIR[:REF]}: an OCI image layout directory. */
public final class OciLayoutSource implements ImageSource {
  public static final String SCHEME = "oci";

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public OpenedImage open(String reference, ImageOptions options, EventSink events) throws IOException {
    PathAndRef p = PathAndRef.parse(SCHEME, reference);
    return OciLayouts.openDirectory(p.path(), p.ref(), reference, options, events);
  }
}
