package io.drydock.image.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.drydock.model.DrydockException;
import io.drydock.model.ImageRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@code manifest.json} of a {@code docker save} / {@code podman save} archive: one entry per image with its
 * config file, repo tags and layer files (bottom first). Pure.
 */
public record DockerArchiveManifest(List<Entry> entries) {
  public DockerArchiveManifest {
    entries = List.copyOf(entries);
  }

  /** One image of the archive; paths are as written in the archive. */
  public record Entry(String config, List<String> repoTags, List<String> layers) {
    public Entry {
      repoTags = List.copyOf(repoTags);
      layers = List.copyOf(layers);
    }
  }

  public static DockerArchiveManifest parse(byte[] bytes, String what) {
    try {
      if (bytes.length > Manifests.MAX_MANIFEST_BYTES) {
        throw new Json.Bad("it is " + bytes.length + " bytes, more than the " + Manifests.MAX_MANIFEST_BYTES + " allowed");
      }
      String text = new String(bytes, StandardCharsets.UTF_8).strip();
      if (!text.startsWith("[")) {
        throw new Json.Bad("it is not a JSON array");
      }
      JsonNode root = Json.parseObject(("{\"m\":" + text + "}").getBytes(StandardCharsets.UTF_8));
      List<JsonNode> nodes = Json.array(root, "m", "", true);
      List<Entry> entries = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        JsonNode n = nodes.get(i);
        String path = "[" + i + "].";
        if (!n.isObject()) {
          throw new Json.Bad("[" + i + "] is not an object");
        }
        entries.add(new Entry(Json.string(n, "Config", path), Json.strings(n, "RepoTags", path), Json.strings(n, "Layers", path)));
      }
      if (entries.isEmpty()) {
        throw new Json.Bad("it lists no images");
      }
      return new DockerArchiveManifest(entries);
    } catch (Json.Bad e) {
      throw Manifests.invalid("parse " + what, e.getMessage());
    }
  }

  /**
   * The entry for {@code ref}: null = the only one; {@code @N} = the N-th (as skopeo writes it); otherwise a repo
   * tag, compared after normalisation ({@code alpine:3.20} matches {@code docker.io/library/alpine:3.20}).
   */
  public Entry choose(@Nullable String ref, String describe) {
    if (ref == null) {
      if (entries.size() == 1) {
        return entries.get(0);
      }
      throw DrydockException.usage("Tried to open " + describe + " but failed because: it holds " + entries.size()
          + " images; name one with :REPO:TAG or :@N (" + listTags() + ")");
    }
    if (ref.startsWith("@")) {
      int n;
      try {
        n = Integer.parseInt(ref.substring(1));
      } catch (NumberFormatException e) {
        throw DrydockException.usage("Tried to open " + describe + " at '" + ref + "' but failed because: @ must be followed by an image number");
      }
      if (n < 0 || n >= entries.size()) {
        throw DrydockException.notFound("Tried to open image " + ref + " of " + describe + " but failed because: it holds "
            + entries.size() + " images (@0 to @" + (entries.size() - 1) + ")");
      }
      return entries.get(n);
    }
    ImageRef wanted = parseOrNull(ref);
    for (Entry e : entries) {
      for (String tag : e.repoTags()) {
        if (tag.equals(ref) || (wanted != null && wanted.equals(parseOrNull(tag)))) {
          return e;
        }
      }
    }
    throw DrydockException.notFound("Tried to find '" + ref + "' in " + describe + " but failed because: it holds only " + listTags());
  }

  private String listTags() {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      tags.add(entries.get(i).repoTags().isEmpty() ? "@" + i : String.join(" ", entries.get(i).repoTags()));
    }
    return tags.stream().collect(Collectors.joining(", "));
  }

  private static @Nullable ImageRef parseOrNull(String s) {
    try {
      return ImageRef.parse(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
