package io.drydock.image.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Parses manifests and indexes and chooses a platform from an index. Pure: bytes in, records out. */
public final class Manifests {
  /** Largest manifest or index accepted (the distribution spec's recommended limit). */
  public static final long MAX_MANIFEST_BYTES = 4L * 1024 * 1024;
  /** Largest image config accepted. */
  public static final long MAX_CONFIG_BYTES = 4L * 1024 * 1024;

  private static final Set<String> GENERIC_TYPES = Set.of("", "application/json", "application/octet-stream", "text/plain");

  private Manifests() {}

  /**
   * Parses a manifest or index.
   *
   * @param declaredMediaType the media type the store reported (Content-Type, descriptor); null or generic
   *     types fall back to the document's own {@code mediaType} and then to its shape
   * @param what for errors, e.g. {@code manifest sha256:… from oci-archive:x.tar}
   */
  public static Manifest parse(byte[] bytes, @Nullable String declaredMediaType, String what) {
    try {
      if (bytes.length > MAX_MANIFEST_BYTES) {
        throw new Json.Bad("it is " + bytes.length + " bytes, more than the " + MAX_MANIFEST_BYTES + " allowed");
      }
      JsonNode root = Json.parseObject(bytes);
      String mediaType = mediaType(root, declaredMediaType);
      if (MediaTypes.SCHEMA1.contains(mediaType)) {
        throw new Json.Bad("it is a Docker schema 1 manifest (" + mediaType
            + "), which is deprecated and not supported; push the image again with a current client");
      }
      if (MediaTypes.INDEXES.contains(mediaType)) {
        List<Descriptor> manifests = new ArrayList<>();
        List<JsonNode> nodes = Json.array(root, "manifests", "", true);
        for (int i = 0; i < nodes.size(); i++) {
          manifests.add(Json.descriptor(nodes.get(i), "manifests[" + i + "]"));
        }
        return new Manifest.Index(mediaType, manifests);
      }
      if (MediaTypes.MANIFESTS.contains(mediaType)) {
        JsonNode config = root.get("config");
        if (config == null) {
          throw new Json.Bad("config is missing");
        }
        Descriptor configDescriptor = Json.descriptor(config, "config");
        List<Descriptor> layers = new ArrayList<>();
        List<JsonNode> nodes = Json.array(root, "layers", "", true);
        for (int i = 0; i < nodes.size(); i++) {
          layers.add(Json.descriptor(nodes.get(i), "layers[" + i + "]"));
        }
        return new Manifest.Image(mediaType, configDescriptor, layers);
      }
      throw new Json.Bad("media type '" + mediaType + "' is not an image manifest or index");
    } catch (Json.Bad e) {
      throw invalid("parse " + what, e.getMessage());
    }
  }

  private static String mediaType(JsonNode root, @Nullable String declared) {
    JsonNode schemaVersion = root.get("schemaVersion");
    if (schemaVersion != null && schemaVersion.isInt() && schemaVersion.asInt() == 1) {
      return MediaTypes.DOCKER_SCHEMA1;
    }
    String own = Json.optString(root, "mediaType", "");
    String header = declared == null ? "" : stripParameters(declared);
    if (own != null && !GENERIC_TYPES.contains(header) && !own.equals(header)) {
      throw new Json.Bad("it was served as '" + header + "' but says it is '" + own + "'");
    }
    if (own != null) {
      return own;
    }
    if (!GENERIC_TYPES.contains(header)) {
      return header;
    }
    if (schemaVersion == null || !schemaVersion.isInt() || schemaVersion.asInt() != 2) {
      throw new Json.Bad("it has neither a mediaType nor schemaVersion 2");
    }
    if (root.has("manifests")) {
      return MediaTypes.OCI_INDEX;
    }
    if (root.has("config") || root.has("layers")) {
      return MediaTypes.OCI_MANIFEST;
    }
    throw new Json.Bad("it has no mediaType and is neither an index nor a manifest");
  }

  private static String stripParameters(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
  }

  /**
   * Chooses the manifest for {@code wanted} from an index. Attestation manifests ({@code unknown/unknown},
   * or Docker's {@code attestation-manifest} reference type) are never chosen. An index of one entry without a
   * platform yields that entry. An exact variant match wins over a compatible one.
   *
   * @throws DrydockException NOT_FOUND listing the available platforms
   */
  public static Descriptor selectPlatform(Manifest.Index index, Platform wanted, String what) {
    List<Descriptor> images = index.manifests().stream().filter(d -> !isAttestation(d)).toList();
    if (images.size() == 1 && images.get(0).platform() == null) {
      return images.get(0);
    }
    Descriptor compatible = null;
    for (Descriptor d : images) {
      Platform p = d.platform();
      if (p == null || !wanted.accepts(p)) {
        continue;
      }
      if (p.equals(wanted)) {
        return d;
      }
      if (compatible == null) {
        compatible = d;
      }
    }
    if (compatible != null) {
      return compatible;
    }
    String available = images.stream()
        .map(d -> d.platform() == null ? "(no platform)" : d.platform().toString())
        .distinct()
        .collect(Collectors.joining(", "));
    throw new DrydockException(ErrorKind.NOT_FOUND, "Tried to choose platform " + wanted + " from " + what
        + " but failed because: it has only " + (available.isEmpty() ? "no image manifests" : available)
        + "; pick one with --platform");
  }

  static boolean isAttestation(Descriptor d) {
    Platform p = d.platform();
    return (p != null && p.os().equals("unknown") && p.architecture().equals("unknown"))
        || "attestation-manifest".equals(d.annotation("vnd.docker.reference.type"));
  }

  static DrydockException invalid(String tried, String because) {
    return new DrydockException(ErrorKind.INVALID_INPUT, "Tried to " + tried + " but failed because: " + because);
  }
}
