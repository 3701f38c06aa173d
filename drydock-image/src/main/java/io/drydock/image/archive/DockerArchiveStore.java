package io.drydock.image.archive;

import io.drydock.image.BlobStore;
import io.drydock.image.RawManifest;
import io.drydock.image.oci.TarIndex;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Blobs of a docker-archive: digest → file in the archive. It has no manifests. */
final class DockerArchiveStore implements BlobStore {
  private final TarIndex tar;
  private final Map<Digest, String> files;

  DockerArchiveStore(TarIndex tar, Map<Digest, String> files) {
    this.tar = tar;
    this.files = Map.copyOf(files);
  }

  @Override
  public RawManifest fetchManifest(String reference, long maxBytes) {
    throw DrydockException.notFound("Tried to fetch manifest " + reference + " from " + tar.describe()
        + " but failed because: a docker-archive has no manifests");
  }

  @Override
  public InputStream openBlob(Digest digest) {
    String file = files.get(digest);
    if (file == null) {
      throw DrydockException.notFound("Tried to read blob " + digest + " from " + tar.describe() + " but failed because: the archive has no such layer");
    }
    return tar.open(file);
  }

  @Override
  public String describe() {
    return tar.describe();
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
