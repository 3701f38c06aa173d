package io.drydock.image;

import io.drydock.image.manifest.Descriptor;
import io.drydock.image.manifest.ImageConfigs;
import io.drydock.image.manifest.Manifest;
import io.drydock.image.manifest.Manifests;
import io.drydock.image.manifest.ParsedConfig;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageMetadata;
import io.drydock.model.ImageRef;
import io.drydock.model.LayerInfo;
import io.drydock.model.Platform;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Resolves an image from any {@link BlobStore} (OCI layout, OCI archive, registry repository): manifest or
 * index → platform → manifest → config → layers, verifying every document against its digest. Shared by all
 * manifest-based sources.
 */
public final class ImageResolver {
  private ImageResolver() {}

  /**
   * Opens an image. The returned image owns {@code store} and closes it; if resolving fails the store is
   * closed before the exception propagates.
   *
   * @param reference what to ask the store for: a tag / ref name, or a digest ({@code sha256:…}), which the
   *     fetched bytes must then match
   * @param ref the registry reference, if any (goes into the metadata; its tag becomes the repo tag)
   * @param name the reference as the user wrote it, for the metadata and messages
   */
  public static OpenedImage open(BlobStore store, String reference, @Nullable ImageRef ref, String name,
      ImageOptions options, EventSink events) throws IOException {
    List<String> repoTags = ref != null && ref.tag() != null ? List.of(ref.withDigest(null).familiar()) : List.of();
    return open(store, reference, ref, name, repoTags, options, events);
  }

  /** As {@link #open(BlobStore, String, ImageRef, String, ImageOptions, EventSink)} with explicit repo tags. */
  public static OpenedImage open(BlobStore store, String reference, @Nullable ImageRef ref, String name,
      List<String> repoTags, ImageOptions options, EventSink events) throws IOException {
    try {
      return resolve(store, reference, ref, name, repoTags, options, events);
    } catch (IOException | RuntimeException e) {
      closeQuietly(store, e);
      throw e;
    }
  }

  /** Wraps metadata whose layers are blobs of {@code store}: each layer is verified against its digest and size. */
  public static OpenedImage of(ImageMetadata metadata, BlobStore store) {
    return new StoredImage(metadata, store);
  }

  /**
   * Reads a small blob whole, verified against its digest and declared size. Refuses a declared size above
   * {@code maxBytes} without reading.
   */
  public static byte[] readSmallBlob(BlobStore store, Digest digest, long size, long maxBytes) throws IOException {
    if (size > maxBytes) {
      throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to read blob " + digest + " from " + store.describe()
          + " but failed because: it is " + size + " bytes, more than the " + maxBytes + " allowed");
    }
    try (InputStream in = new VerifyingInputStream(store.openBlob(digest), digest, size, store.describe())) {
      return in.readNBytes((int) size + 1);
    }
  }

  private static OpenedImage resolve(BlobStore store, String reference, @Nullable ImageRef ref, String name,
      List<String> repoTags, ImageOptions options, EventSink events) throws IOException {
    String from = store.describe();
    Digest pinned = parseDigestOrNull(reference);
    RawManifest raw = fetchVerified(store, reference, pinned);
    Manifest manifest = Manifests.parse(raw.bytes(), raw.mediaType(), "manifest " + reference + " from " + from);
    Digest indexDigest = null;
    Platform platform = null;
    if (manifest instanceof Manifest.Index index) {
      indexDigest = raw.digest();
      Descriptor chosen = Manifests.selectPlatform(index, options.platformOrHost(), "index " + raw.digest() + " from " + from);
      platform = chosen.platform();
      events.debug("chose " + (platform == null ? "the only manifest" : platform.toString()) + " " + chosen.digest()
          + " from index " + raw.digest() + " of " + from);
      raw = fetchVerified(store, chosen.digest().toString(), chosen.digest());
      if (raw.bytes().length != chosen.size()) {
        throw invalid("read manifest " + chosen.digest() + " from " + from, "it is " + raw.bytes().length
            + " bytes but the index declares " + chosen.size());
      }
      manifest = Manifests.parse(raw.bytes(), chosen.mediaType(), "manifest " + chosen.digest() + " from " + from);
      if (manifest instanceof Manifest.Index) {
        throw invalid("read manifest " + chosen.digest() + " from " + from, "the index points to another index; nested indexes are not supported");
      }
    }
    Manifest.Image image = (Manifest.Image) manifest;
    String what = "image " + raw.digest() + " from " + from;
    ImageConfigs.requireImageConfig(image.config(), what);
    Digest configDigest = image.config().digest();
    byte[] configBytes = readSmallBlob(store, configDigest, image.config().size(), Manifests.MAX_CONFIG_BYTES);
    ParsedConfig config = ImageConfigs.parse(configBytes, "config " + configDigest + " of " + from);
    List<LayerInfo> layers = ImageConfigs.layers(image.layers(), config, what);
    if (config.platform() != null) {
      platform = config.platform();
    }
    events.debug("resolved " + name + " to manifest " + raw.digest() + " with " + layers.size() + " layers");
    ImageMetadata metadata = new ImageMetadata(name, ref, indexDigest, raw.digest(), configDigest, platform, layers,
        config.config(), repoTags);
    return new StoredImage(metadata, store);
  }

  private static RawManifest fetchVerified(BlobStore store, String reference, @Nullable Digest expected) throws IOException {
    RawManifest raw = store.fetchManifest(reference, Manifests.MAX_MANIFEST_BYTES);
    byte[] bytes = raw.bytes();
    String what = "read manifest " + reference + " from " + store.describe();
    if (bytes.length > Manifests.MAX_MANIFEST_BYTES) {
      throw invalid(what, "it is " + bytes.length + " bytes, more than the " + Manifests.MAX_MANIFEST_BYTES + " allowed");
    }
    Digest claimed = raw.digest();
    Digest computed = Digest.of(claimed.algorithm(), claimed.newMessageDigest().digest(bytes));
    if (!computed.equals(claimed)) {
      throw invalid(what, "digest mismatch (expected " + claimed + ", got " + computed + ")");
    }
    if (expected != null && !expected.equals(claimed)) {
      Digest inExpectedAlgorithm = Digest.of(expected.algorithm(), expected.newMessageDigest().digest(bytes));
      if (!inExpectedAlgorithm.equals(expected)) {
        throw invalid(what, "digest mismatch (expected " + expected + ", got " + inExpectedAlgorithm + ")");
      }
    }
    return raw;
  }

  static @Nullable Digest parseDigestOrNull(String reference) {
    if (!reference.startsWith("sha256:") && !reference.startsWith("sha512:")) {
      return null;
    }
    try {
      return Digest.parse(reference);
    } catch (IllegalArgumentException e) {
      throw new DrydockException(ErrorKind.USAGE, "Tried to use '" + reference + "' as a digest but failed because: " + e.getMessage());
    }
  }

  static DrydockException invalid(String tried, String because) {
    return new DrydockException(ErrorKind.INVALID_INPUT, "Tried to " + tried + " but failed because: " + because);
  }

  private static void closeQuietly(AutoCloseable c, Exception primary) {
    try {
      c.close();
    } catch (Exception e) {
      primary.addSuppressed(e);
    }
  }

  /** An image whose layers are blobs in a store. */
  private static final class StoredImage implements OpenedImage {
    private final ImageMetadata metadata;
    private final BlobStore store;

    StoredImage(ImageMetadata metadata, BlobStore store) {
      this.metadata = metadata;
      this.store = store;
    }

    @Override
    public ImageMetadata metadata() {
      return metadata;
    }

    @Override
    public InputStream openLayerBlob(int index) throws IOException {
      if (index < 0 || index >= metadata.layers().size()) {
        throw new IndexOutOfBoundsException("layer " + index + " of " + metadata.layers().size());
      }
      LayerInfo layer = metadata.layers().get(index);
      return new VerifyingInputStream(store.openBlob(layer.digest()), layer.digest(), layer.size(), store.describe());
    }

    @Override
    public void close() throws IOException {
      store.close();
    }
  }
}
