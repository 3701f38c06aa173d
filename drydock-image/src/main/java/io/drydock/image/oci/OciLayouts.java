package io.drydock.image.oci;

import io.drydock.image.ImageOptions;
import io.drydock.image.ImageResolver;
import io.drydock.image.OpenedImage;
import io.drydock.image.manifest.Descriptor;
import io.drydock.image.manifest.Manifest;
import io.drydock.image.manifest.Manifests;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.model.Platform;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Opens OCI image layouts: {@code index.json} → the manifest for a ref → {@link ImageResolver}. */
public final class OciLayouts {
  /** Docker and containerd record the full image name in this annotation of {@code index.json} entries. */
  static final String CONTAINERD_NAME = "io.containerd.image.name";

  private OciLayouts() {}

  /** Opens an OCI layout directory. */
  public static OpenedImage openDirectory(Path dir, @Nullable String ref, String name, ImageOptions options, EventSink events)
      throws IOException {
    return open(new DirectoryFiles(dir, name), ref, name, options, events);
  }

  /** Opens an OCI layout inside an indexed archive; the returned image owns {@code tar} (closed on failure too). */
  public static OpenedImage openArchive(TarIndex tar, @Nullable String ref, String name, ImageOptions options, EventSink events)
      throws IOException {
    return open(new ArchiveFiles(tar), ref, name, options, events);
  }

  /** True when the archive holds an OCI layout ({@code oci-layout} and {@code index.json}). */
  public static boolean isLayout(TarIndex tar) {
    return tar.find("oci-layout") != null && tar.find("index.json") != null;
  }

  private static OpenedImage open(LayoutFiles files, @Nullable String ref, String name, ImageOptions options, EventSink events)
      throws IOException {
    Descriptor chosen;
    Map<Digest, String> mediaTypes = new HashMap<>();
    try {
      if (!files.exists("oci-layout")) {
        throw TarIndex.invalid(files.describe(), "it is not an OCI image layout (no oci-layout file)");
      }
      byte[] indexBytes = files.read("index.json", Manifests.MAX_MANIFEST_BYTES);
      Manifest parsed = Manifests.parse(indexBytes, null, "index.json of " + files.describe());
      if (!(parsed instanceof Manifest.Index index)) {
        throw TarIndex.invalid(files.describe(), "index.json is not an image index");
      }
      index.manifests().forEach(d -> mediaTypes.put(d.digest(), d.mediaType()));
      chosen = choose(index, ref, options.platformOrHost(), files.describe());
    } catch (IOException | RuntimeException e) {
      files.close();
      throw e;
    }
    String fullName = chosen.annotation(CONTAINERD_NAME);
    ImageRef imageRef = parseRefOrNull(fullName);
    List<String> repoTags = imageRef != null && imageRef.tag() != null ? List.of(imageRef.familiar()) : List.of();
    events.debug("chose manifest " + chosen.digest() + " from index.json of " + files.describe());
    return ImageResolver.open(new OciLayoutStore(files, mediaTypes), chosen.digest().toString(), imageRef, name,
        repoTags, options, events);
  }

  /**
   * Chooses the entry of {@code index.json} for {@code ref}: a digest, a {@code org.opencontainers.image.ref.name}
   * or a full image name ({@code io.containerd.image.name}). Without a ref the only entry, or the entry for the
   * wanted platform when all entries name one.
   */
  static Descriptor choose(Manifest.Index index, @Nullable String ref, Platform wanted, String describe) {
    List<Descriptor> candidates;
    if (ref == null) {
      candidates = index.manifests();
    } else if (ref.startsWith("sha256:") || ref.startsWith("sha512:")) {
      candidates = index.manifests().stream().filter(d -> d.digest().toString().equals(ref)).limit(1).toList();
    } else {
      candidates = index.manifests().stream().filter(d -> matches(d, ref)).toList();
    }
    if (candidates.isEmpty()) {
      if (ref == null) {
        throw TarIndex.invalid(describe, "index.json lists no manifests");
      }
      throw new DrydockException(ErrorKind.NOT_FOUND, "Tried to find '" + ref + "' in " + describe
          + " but failed because: it holds only " + listRefs(index));
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    if (candidates.stream().allMatch(d -> d.platform() != null)) {
      return Manifests.selectPlatform(new Manifest.Index(index.mediaType(), candidates), wanted, "index.json of " + describe);
    }
    throw DrydockException.usage("Tried to open " + describe + " but failed because: it holds " + candidates.size()
        + " images; name one with :REF (" + listRefs(index) + ")");
  }

  private static boolean matches(Descriptor d, String ref) {
    if (ref.equals(d.annotation(Descriptor.REF_NAME))) {
      return true;
    }
    String full = d.annotation(CONTAINERD_NAME);
    if (full == null) {
      return false;
    }
    if (full.equals(ref)) {
      return true;
    }
    ImageRef a = parseRefOrNull(full);
    ImageRef b = parseRefOrNull(ref);
    return a != null && b != null && a.equals(b);
  }

  private static String listRefs(Manifest.Index index) {
    String refs = index.manifests().stream()
        .map(d -> Objects.requireNonNullElse(d.annotation(Descriptor.REF_NAME), d.digest().toString()))
        .distinct()
        .collect(Collectors.joining(", "));
    return refs.isEmpty() ? "no images" : refs;
  }

  static @Nullable ImageRef parseRefOrNull(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return ImageRef.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
