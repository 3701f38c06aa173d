package io.drydock.image.archive;

import io.drydock.image.ImageOptions;
import io.drydock.image.ImageResolver;
import io.drydock.image.OpenedImage;
import io.drydock.image.manifest.DockerArchiveManifest;
import io.drydock.image.manifest.ImageConfigs;
import io.drydock.image.manifest.Manifests;
import io.drydock.image.manifest.MediaTypes;
import io.drydock.image.manifest.ParsedConfig;
import io.drydock.image.oci.TarIndex;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageMetadata;
import io.drydock.model.ImageRef;
import io.drydock.model.LayerInfo;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Opens {@code docker save} / {@code podman save} archives from their {@code manifest.json}: config file, repo
 * tags, layer files. The config digest is computed from its bytes (and must match a content-addressed file
 * name). A layer's digest is its diffID when it is stored uncompressed (the usual case), the digest in its name
 * when compressed and content-addressed ({@code blobs/sha256/…}), and otherwise computed by reading it once;
 * every layer is verified again while it streams.
 */
public final class DockerArchives {
  private static final Pattern CONTENT_ADDRESSED = Pattern.compile("(?:^|/)(?:blobs/(sha256|sha512)/)?([0-9a-f]{64}|[0-9a-f]{128})(?:\\.tar|\\.json)?$");

  private DockerArchives() {}

  /** True when the archive has a {@code manifest.json}. */
  public static boolean isDockerArchive(TarIndex tar) {
    return tar.find("manifest.json") != null;
  }

  /** Opens the image {@code ref} (null, {@code @N} or a repo tag); the returned image owns {@code tar}. */
  public static OpenedImage open(TarIndex tar, @Nullable String ref, String name, ImageOptions options, EventSink events)
      throws IOException {
    try {
      return resolve(tar, ref, name, events);
    } catch (IOException | RuntimeException e) {
      tar.close();
      throw e;
    }
  }

  private static OpenedImage resolve(TarIndex tar, @Nullable String ref, String name, EventSink events) throws IOException {
    String describe = tar.describe();
    if (!isDockerArchive(tar)) {
      throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to read " + describe
          + " but failed because: it is not a docker-archive (no manifest.json)");
    }
    DockerArchiveManifest manifest = DockerArchiveManifest.parse(tar.read("manifest.json", Manifests.MAX_MANIFEST_BYTES),
        "manifest.json of " + describe);
    DockerArchiveManifest.Entry entry = manifest.choose(ref, describe);

    byte[] configBytes = tar.read(clean(entry.config(), describe), Manifests.MAX_CONFIG_BYTES);
    Digest configDigest = Digest.sha256(configBytes);
    Digest named = contentAddress(entry.config());
    if (named != null && !named.equals(Digest.of(named.algorithm(), named.newMessageDigest().digest(configBytes)))) {
      throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to read config " + entry.config() + " from " + describe
          + " but failed because: digest mismatch (got " + configDigest + ")");
    }
    ParsedConfig config = ImageConfigs.parse(configBytes, "config " + configDigest + " of " + describe);
    if (entry.layers().size() != config.diffIds().size()) {
      throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to read " + describe + " but failed because: manifest.json lists "
          + entry.layers().size() + " layers but the config has " + config.diffIds().size() + " diff_ids");
    }

    List<LayerInfo> layers = new ArrayList<>();
    Map<Digest, String> files = new HashMap<>();
    for (int i = 0; i < entry.layers().size(); i++) {
      String file = clean(entry.layers().get(i), describe);
      TarIndex.Entry e = tar.find(file);
      if (e == null) {
        throw DrydockException.notFound("Tried to read layer " + file + " from " + describe + " but failed because: the archive has no such entry");
      }
      Digest diffId = config.diffIds().get(i);
      String mediaType = sniffMediaType(tar, file);
      Digest digest;
      if (mediaType.equals(MediaTypes.DOCKER_LAYER_TAR)) {
        digest = diffId;
      } else {
        Digest claimed = contentAddress(file);
        digest = claimed != null ? claimed : hash(tar, file);
      }
      files.putIfAbsent(digest, file);
      String createdBy = config.layerCreatedBy().isEmpty() ? null : config.layerCreatedBy().get(i);
      layers.add(new LayerInfo(digest, diffId, e.size(), mediaType, createdBy));
    }
    ImageRef imageRef = entry.repoTags().isEmpty() ? null : parseOrNull(entry.repoTags().get(0));
    events.debug("read " + describe + ": config " + configDigest + ", " + layers.size() + " layers");
    ImageMetadata metadata = new ImageMetadata(name, imageRef, null, null, configDigest, config.platform(), layers,
        config.config(), entry.repoTags());
    return ImageResolver.of(metadata, new DockerArchiveStore(tar, files));
  }

  private static String clean(String path, String describe) {
    String p = path.startsWith("/") ? null : path;
    if (p == null || p.isEmpty() || p.contains("\\")) {
      throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to read " + describe + " but failed because: manifest.json names an invalid path '" + path + "'");
    }
    for (String part : p.split("/")) {
      if (part.equals("..")) {
        throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to read " + describe + " but failed because: manifest.json path '" + path + "' escapes the archive root");
      }
    }
    return p.startsWith("./") ? p.substring(2) : p;
  }

  static @Nullable Digest contentAddress(String path) {
    Matcher m = CONTENT_ADDRESSED.matcher(path);
    if (!m.find()) {
      return null;
    }
    String hex = m.group(2);
    String algorithm = m.group(1) != null ? m.group(1) : hex.length() == 64 ? "sha256" : "sha512";
    try {
      return new Digest(algorithm, hex);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String sniffMediaType(TarIndex tar, String file) throws IOException {
    byte[] head;
    try (InputStream in = tar.open(file)) {
      head = in.readNBytes(4);
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return MediaTypes.DOCKER_LAYER_GZIP;
    }
    if (head.length == 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd) {
      return MediaTypes.OCI_LAYER_ZSTD;
    }
    return MediaTypes.DOCKER_LAYER_TAR;
  }

  private static Digest hash(TarIndex tar, String file) throws IOException {
    MessageDigest md = Digest.newSha256();
    byte[] buf = new byte[65536];
    try (InputStream in = tar.open(file)) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        md.update(buf, 0, n);
      }
    }
    return Digest.of("sha256", md.digest());
  }

  private static @Nullable ImageRef parseOrNull(String s) {
    try {
      return ImageRef.parse(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
