package io.drydock.image.registry;

import io.drydock.image.BlobStore;
import io.drydock.image.ImageOptions;
import io.drydock.image.ImageResolver;
import io.drydock.image.ImageSource;
import io.drydock.image.OpenedImage;
import io.drydock.image.RawManifest;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ImageRef;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code registry:REF} or a bare reference ({@code alpine:3.20}, {@code 127.0.0.1:5000/x@sha256:…}): the image
 * from its registry. The fallback source: it accepts anything that parses as a reference, at the lowest priority.
 */
public final class RegistryImageSource implements ImageSource {
  public static final String SCHEME = "registry";

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public boolean accepts(String reference) {
    if (reference.startsWith(SCHEME + ":")) {
      return true;
    }
    if (looksLikePath(reference)) {
      return false;
    }
    try {
      ImageRef.parse(reference);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * A file name the user meant as an archive ({@code x.tar}, {@code ./img}, {@code /tmp/x}) is never taken as a
   * Docker Hub reference, so a typo gets "no such file" instead of a registry lookup.
   */
  static boolean looksLikePath(String reference) {
    return reference.startsWith("/") || reference.startsWith("./") || reference.startsWith("../")
        || reference.startsWith("~") || reference.matches(".*\\.(tar|tar\\.gz|tgz|tar\\.zst)$");
  }

  @Override
  public int priority() {
    return -10;
  }

  @Override
  public OpenedImage open(String reference, ImageOptions options, EventSink events) throws IOException {
    String text = reference.startsWith(SCHEME + ":") ? reference.substring(SCHEME.length() + 1) : reference;
    ImageRef ref;
    try {
      ref = ImageRef.parse(text);
    } catch (IllegalArgumentException e) {
      throw DrydockException.usage("Tried to open image '" + reference + "' but failed because: " + e.getMessage());
    }
    RegistryClient client = RegistryClient.builder(options).events(events).build();
    BlobStore store = new ClosingStore(client.blobStore(ref), client);
    return ImageResolver.open(store, ref.reference(), ref, reference, options, events);
  }

  /** The repository store, closing the client it was made from when the image is closed. */
  private record ClosingStore(BlobStore delegate, RegistryClient client) implements BlobStore {
    @Override
    public RawManifest fetchManifest(String reference, long maxBytes) throws IOException {
      return delegate.fetchManifest(reference, maxBytes);
    }

    @Override
    public InputStream openBlob(Digest digest) throws IOException {
      return delegate.openBlob(digest);
    }

    @Override
    public String describe() {
      return delegate.describe();
    }

    @Override
    public void close() throws IOException {
      try {
        delegate.close();
      } finally {
        client.close();
      }
    }
  }
}
