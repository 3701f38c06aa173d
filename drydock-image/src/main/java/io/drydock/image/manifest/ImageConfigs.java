package io.drydock.image.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.drydock.model.Digest;
import io.drydock.model.ImageConfig;
import io.drydock.model.LayerInfo;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Parses OCI / Docker image config JSON and pairs its diff_ids with a manifest's layers. Pure. */
public final class ImageConfigs {
  private ImageConfigs() {}

  /** Parses a config blob ({@code what}: e.g. {@code config sha256:… of oci-archive:x.tar}). */
  public static ParsedConfig parse(byte[] bytes, String what) {
    try {
      if (bytes.length > Manifests.MAX_CONFIG_BYTES) {
        throw new Json.Bad("it is " + bytes.length + " bytes, more than the " + Manifests.MAX_CONFIG_BYTES + " allowed");
      }
      JsonNode root = Json.parseObject(bytes);
      JsonNode c = Json.optObject(root, "config", "");
      ImageConfig config = c == null ? emptyWithCreated(Json.optString(root, "created", "")) : new ImageConfig(
          blankToNull(Json.optString(c, "User", "config.")),
          Json.strings(c, "Entrypoint", "config."),
          Json.strings(c, "Cmd", "config."),
          Json.strings(c, "Env", "config."),
          Json.keys(c, "ExposedPorts", "config."),
          blankToNull(Json.optString(c, "WorkingDir", "config.")),
          Json.stringMap(c, "Labels", "config."),
          healthcheck(c),
          Json.optString(root, "created", ""),
          Json.keys(c, "Volumes", "config."));

      JsonNode rootfs = Json.optObject(root, "rootfs", "");
      if (rootfs == null) {
        throw new Json.Bad("rootfs is missing");
      }
      String type = Json.string(rootfs, "type", "rootfs.");
      if (!type.equals("layers")) {
        throw new Json.Bad("rootfs.type is '" + type + "', expected 'layers'");
      }
      List<JsonNode> ids = Json.array(rootfs, "diff_ids", "rootfs.", false);
      List<Digest> diffIds = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        JsonNode id = ids.get(i);
        if (!id.isTextual()) {
          throw new Json.Bad("rootfs.diff_ids[" + i + "] is not a string");
        }
        try {
          diffIds.add(Digest.parse(id.asText()));
        } catch (IllegalArgumentException e) {
          throw new Json.Bad("rootfs.diff_ids[" + i + "] is not a valid digest (" + e.getMessage() + ")");
        }
      }
      List<@Nullable String> createdBy = new ArrayList<>();
      for (JsonNode h : Json.array(root, "history", "", false)) {
        if (!h.isObject()) {
          throw new Json.Bad("history contains a non-object");
        }
        JsonNode empty = h.get("empty_layer");
        if (empty != null && empty.asBoolean(false)) {
          continue;
        }
        createdBy.add(Json.optString(h, "created_by", "history[]."));
      }
      if (createdBy.size() != diffIds.size()) {
        createdBy = List.of();
      }
      return new ParsedConfig(config, diffIds, createdBy, Json.platform(root, ""));
    } catch (Json.Bad e) {
      throw Manifests.invalid("parse " + what, e.getMessage());
    }
  }

  /**
   * One {@link LayerInfo} per layer descriptor, with the config's diff_id and history.
   *
   * @throws io.drydock.model.DrydockException INVALID_INPUT when the counts differ or a layer is not a
   *     filesystem layer
   */
  public static List<LayerInfo> layers(List<Descriptor> layerDescriptors, ParsedConfig config, String what) {
    if (layerDescriptors.size() != config.diffIds().size()) {
      throw Manifests.invalid("read " + what, "the manifest lists " + layerDescriptors.size()
          + " layers but the config has " + config.diffIds().size() + " diff_ids");
    }
    List<LayerInfo> out = new ArrayList<>(layerDescriptors.size());
    for (int i = 0; i < layerDescriptors.size(); i++) {
      Descriptor d = layerDescriptors.get(i);
      if (!MediaTypes.isLayer(d.mediaType())) {
        throw Manifests.invalid("read " + what, "layer " + i + " has media type '" + d.mediaType()
            + "', which is not a filesystem layer");
      }
      String createdBy = config.layerCreatedBy().isEmpty() ? null : config.layerCreatedBy().get(i);
      out.add(new LayerInfo(d.digest(), config.diffIds().get(i), d.size(), d.mediaType(), createdBy));
    }
    return out;
  }

  /** Checks that a config descriptor names a container image config (not an artifact). */
  public static void requireImageConfig(Descriptor config, String what) {
    if (!MediaTypes.CONFIGS.contains(config.mediaType())) {
      throw Manifests.invalid("read " + what, "its config has media type '" + config.mediaType()
          + "', so it is not a container image (an OCI artifact?)");
    }
    if (config.size() > Manifests.MAX_CONFIG_BYTES) {
      throw Manifests.invalid("read " + what, "its config is " + config.size() + " bytes, more than the "
          + Manifests.MAX_CONFIG_BYTES + " allowed");
    }
  }

  private static ImageConfig emptyWithCreated(@Nullable String created) {
    ImageConfig e = ImageConfig.empty();
    return new ImageConfig(e.user(), e.entrypoint(), e.cmd(), e.env(), e.exposedPorts(), e.workingDir(), e.labels(),
        e.healthcheck(), created, e.volumes());
  }

  private static ImageConfig.@Nullable Healthcheck healthcheck(JsonNode c) {
    JsonNode h = Json.optObject(c, "Healthcheck", "config.");
    if (h == null) {
      return null;
    }
    Long retries = Json.optLong(h, "Retries", "config.Healthcheck.");
    if (retries != null && (retries < 0 || retries > Integer.MAX_VALUE)) {
      throw new Json.Bad("config.Healthcheck.Retries is out of range");
    }
    return new ImageConfig.Healthcheck(Json.strings(h, "Test", "config.Healthcheck."),
        Json.optLong(h, "Interval", "config.Healthcheck."), Json.optLong(h, "Timeout", "config.Healthcheck."),
        retries == null ? null : retries.intValue());
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
