package io.drydock.image.oci;

import io.drydock.image.BlobStore;
import io.drydock.image.RawManifest;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** A {@link BlobStore} over an OCI layout: {@code blobs/<algorithm>/<hex>}. Manifests are fetched by digest. */
final class OciLayoutStore implements BlobStore {
  private final LayoutFiles files;
  private final Map<Digest, String> knownMediaTypes;

  OciLayoutStore(LayoutFiles files, Map<Digest, String> knownMediaTypes) {
    this.files = files;
    this.knownMediaTypes = Map.copyOf(knownMediaTypes);
  }

  static String blobPath(Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.hex();
  }

  @Override
  public RawManifest fetchManifest(String reference, long maxBytes) throws IOException {
    Digest digest;
    try {
      digest = Digest.parse(reference);
    } catch (IllegalArgumentException e) {
      throw DrydockException.notFound("Tried to fetch manifest '" + reference + "' from " + files.describe()
          + " but failed because: an OCI layout is read by digest and '" + reference + "' is not one");
    }
    byte[] bytes = files.read(blobPath(digest), maxBytes);
    return new RawManifest(bytes, knownMediaTypes.getOrDefault(digest, ""), digest);
  }

  @Override
  public InputStream openBlob(Digest digest) throws IOException {
    return files.open(blobPath(digest));
  }

  @Override
  public String describe() {
    return files.describe();
  }

  @Override
  public void close() throws IOException {
    files.close();
  }
}
