package io.drydock.image.rootfs;

import io.drydock.image.BlobStore;
import io.drydock.image.ImageOptions;
import io.drydock.image.ImageResolver;
import io.drydock.image.ImageSource;
import io.drydock.image.OpenedImage;
import io.drydock.image.RawManifest;
import io.drydock.image.manifest.MediaTypes;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.LayerInfo;
import io.drydock.model.event.EventSink;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code dir:PATH}: an unpacked root filesystem. It becomes one synthetic uncompressed layer, written once into a
 * temporary tar in the work dir (so its digest and size are known up front) and deleted on close. The image has
 * no manifest, config or platform; its config is empty.
 */
public final class RootfsSource implements ImageSource {
  public static final String SCHEME = "dir";

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public OpenedImage open(String reference, ImageOptions options, EventSink events) throws IOException {
    Path root;
    try {
      root = Path.of(reference.substring(SCHEME.length() + 1)).toRealPath();
    } catch (NoSuchFileException e) {
      throw DrydockException.notFound("Tried to open " + reference + " but failed because: the directory does not exist");
    } catch (InvalidPathException e) {
      throw DrydockException.usage("Tried to open " + reference + " but failed because: invalid path (" + e.getReason() + ")");
    }
    if (!Files.isDirectory(root)) {
      throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to open " + reference + " but failed because: " + root + " is not a directory");
    }
    Files.createDirectories(options.workDir());
    Path tar = Files.createTempFile(options.workDir(), "rootfs-", ".tar");
    try {
      MessageDigest md = Digest.newSha256();
      AtomicInteger skipped = new AtomicInteger();
      long entries;
      try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(tar), 256 * 1024), md)) {
        entries = new RootfsTar(root, skip -> {
          skipped.incrementAndGet();
          events.warn("skipped " + skip.where() + " in " + reference + ": " + skip.reason());
        }).write(out);
      }
      Digest digest = Digest.of("sha256", md.digest());
      long size = Files.size(tar);
      events.debug("packed " + entries + " entries of " + root + " into a " + size + "-byte layer " + digest
          + (skipped.get() > 0 ? " (" + skipped.get() + " skipped)" : ""));
      LayerInfo layer = new LayerInfo(digest, digest, size, MediaTypes.OCI_LAYER_TAR, null);
      ImageMetadata metadata = new ImageMetadata(reference, null, null, null, null, null, List.of(layer), ImageConfig.empty(), List.of());
      return ImageResolver.of(metadata, new TempFileStore(reference, digest, tar));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tar);
      throw e;
    }
  }

  /** One blob in a temporary file, deleted on close. */
  private static final class TempFileStore implements BlobStore {
    private final String describe;
    private final Digest digest;
    private final Path file;

    TempFileStore(String describe, Digest digest, Path file) {
      this.describe = describe;
      this.digest = digest;
      this.file = file;
    }

    @Override
    public RawManifest fetchManifest(String reference, long maxBytes) {
      throw DrydockException.notFound("Tried to fetch manifest " + reference + " from " + describe + " but failed because: a rootfs directory has no manifest");
    }

    @Override
    public InputStream openBlob(Digest d) throws IOException {
      if (!d.equals(digest)) {
        throw DrydockException.notFound("Tried to read blob " + d + " from " + describe + " but failed because: it has only " + digest);
      }
      return Files.newInputStream(file);
    }

    @Override
    public String describe() {
      return describe;
    }

    @Override
    public void close() throws IOException {
      Files.deleteIfExists(file);
    }
  }
}
