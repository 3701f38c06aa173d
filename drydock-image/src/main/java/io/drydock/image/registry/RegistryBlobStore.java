package io.drydock.image.registry;

import io.drydock.image.BlobStore;
import io.drydock.image.RawManifest;
import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import java.io.IOException;
import java.io.InputStream;

/** One repository of a registry as a {@link BlobStore}, over a shared {@link RegistryClient}. */
final class RegistryBlobStore implements BlobStore {
  private final RegistryClient client;
  private final String registry;
  private final String repository;

  RegistryBlobStore(RegistryClient client, ImageRef ref) {
    this.client = client;
    this.registry = ref.registry();
    this.repository = Refs.checkRepository(ref.repository());
  }

  @Override
  public RawManifest fetchManifest(String reference, long maxBytes) throws IOException {
    return client.fetchManifest(registry, repository, reference, maxBytes);
  }

  @Override
  public InputStream openBlob(Digest digest) throws IOException {
    return client.openBlob(registry, repository, digest);
  }

  @Override
  public String describe() {
    return registry + "/" + repository;
  }

  @Override
  public void close() {
    // the client is shared; its owner closes it
  }
}
