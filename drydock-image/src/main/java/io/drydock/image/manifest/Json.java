package io.drydock.image.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.drydock.model.Digest;
import io.drydock.model.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Strict, bounded JSON access for image documents. Duplicate keys are refused (two parsers must never read two
 * different manifests from the same bytes); a wrong type is a {@link Bad} naming the JSON path.
 */
final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  private Json() {}

  /** A reason for refusing a document; turned into a DrydockException with context by the caller. */
  static final class Bad extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Bad(String message) {
      super(message, null, false, false);
    }
  }

  static JsonNode parseObject(byte[] bytes) {
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new Bad("malformed JSON (" + e.getOriginalMessage().replace('\n', ' ') + ")");
    } catch (IOException e) {
      throw new Bad("unreadable JSON (" + e.getMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new Bad("not a JSON object");
    }
    return node;
  }

  static @Nullable String optString(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new Bad(path + field + " is not a string");
    }
    return n.asText();
  }

  static String string(JsonNode parent, String field, String path) {
    String s = optString(parent, field, path);
    if (s == null) {
      throw new Bad(path + field + " is missing");
    }
    return s;
  }

  static @Nullable JsonNode optObject(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new Bad(path + field + " is not an object");
    }
    return n;
  }

  static List<JsonNode> array(JsonNode parent, String field, String path, boolean required) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw new Bad(path + field + " is missing");
      }
      return List.of();
    }
    if (!n.isArray()) {
      throw new Bad(path + field + " is not an array");
    }
    List<JsonNode> out = new ArrayList<>(n.size());
    n.forEach(out::add);
    return out;
  }

  /** An array of strings; Docker also writes a single string where a list is expected (Cmd, Entrypoint). */
  static List<String> strings(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (n.isTextual()) {
      return List.of(n.asText());
    }
    if (!n.isArray()) {
      throw new Bad(path + field + " is not an array of strings");
    }
    List<String> out = new ArrayList<>(n.size());
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw new Bad(path + field + " is not an array of strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  /** The keys of an object such as {@code ExposedPorts} or {@code Volumes}, sorted. */
  static List<String> keys(JsonNode parent, String field, String path) {
    JsonNode n = optObject(parent, field, path);
    if (n == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    n.properties().forEach(e -> out.add(e.getKey()));
    out.sort(null);
    return out;
  }

  static Map<String, String> stringMap(JsonNode parent, String field, String path) {
    JsonNode n = optObject(parent, field, path);
    if (n == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      if (e.getValue().isNull()) {
        continue;
      }
      if (!e.getValue().isValueNode()) {
        throw new Bad(path + field + "." + e.getKey() + " is not a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  static @Nullable Long optLong(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new Bad(path + field + " is not an integer");
    }
    return n.asLong();
  }

  static Digest digest(JsonNode parent, String field, String path) {
    String s = string(parent, field, path);
    try {
      return Digest.parse(s);
    } catch (IllegalArgumentException e) {
      throw new Bad(path + field + " is not a valid digest (" + e.getMessage() + ")");
    }
  }

  static Descriptor descriptor(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new Bad(path + " is not an object");
    }
    String mediaType = string(node, "mediaType", path + ".");
    Digest digest = digest(node, "digest", path + ".");
    Long size = optLong(node, "size", path + ".");
    if (size == null) {
      throw new Bad(path + ".size is missing");
    }
    if (size < 0) {
      throw new Bad(path + ".size is negative");
    }
    Platform platform = null;
    JsonNode p = optObject(node, "platform", path + ".");
    if (p != null) {
      platform = platform(p, path + ".platform.");
    }
    return new Descriptor(mediaType, digest, size, platform, stringMap(node, "annotations", path + "."));
  }

  static @Nullable Platform platform(JsonNode node, String path) {
    String os = optString(node, "os", path);
    String arch = optString(node, "architecture", path);
    if (os == null || arch == null || os.isBlank() || arch.isBlank()) {
      return null;
    }
    return new Platform(os, arch, optString(node, "variant", path));
  }
}
