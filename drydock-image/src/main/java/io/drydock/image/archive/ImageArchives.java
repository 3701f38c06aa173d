package io.drydock.image.archive;

import io.drydock.image.ImageOptions;
import io.drydock.image.OpenedImage;
import io.drydock.image.oci.OciLayouts;
import io.drydock.image.oci.TarIndex;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Opens an image archive of either kind, telling them apart by their contents. */
public final class ImageArchives {
  private ImageArchives() {}

  /**
   * Opens {@code file}: an OCI layout in a tar ({@code oci-layout} + {@code index.json}) is read as
   * oci-archive, else a {@code manifest.json} as docker-archive. Docker 25+ writes both; the OCI layout wins
   * because it keeps the manifest digest.
   */
  public static OpenedImage open(Path file, @Nullable String ref, String name, ImageOptions options, EventSink events)
      throws IOException {
    TarIndex tar = TarIndex.open(file, name);
    try {
      if (OciLayouts.isLayout(tar)) {
        events.debug(name + " is an OCI layout archive");
        return OciLayouts.openArchive(tar, ref, name, options, events);
      }
      if (DockerArchives.isDockerArchive(tar)) {
        events.debug(name + " is a docker-archive");
        return DockerArchives.open(tar, ref, name, options, events);
      }
      throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to read " + name
          + " but failed because: it is a tar but neither an OCI layout (index.json) nor a docker-archive (manifest.json)");
    } catch (IOException | RuntimeException e) {
      tar.close();
      throw e;
    }
  }
}
