package io.drydock.policy.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest cosign keeps at {@code sha256-<hex>.sig}: an OCI image manifest (config media type {@code
 * application/vnd.oci.image.config.v1+json}) with one layer per signature, each the payload blob with the
 * signature in its {@code dev.cosignproject.cosign/signature} annotation; the config is go-containerregistry's
 * for an empty image with those layers appended. Written byte for byte as go-containerregistry marshals them
 * (struct field order, annotation keys sorted, no whitespace). Pure.
 */
public final class SignatureManifest {
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  public static final String BUNDLE_ANNOTATION = "dev.sigstore.cosign/bundle";
  public static final String CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
  public static final String CHAIN_ANNOTATION = "dev.sigstore.cosign/chain";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One signature layer: the payload's digest and size, its media type and annotations. */
  public record Layer(String mediaType, Digest digest, long size, Map<String, String> annotations) {
    public Layer {
      annotations = Map.copyOf(annotations);
    }

    public String signature() {
      return annotations.getOrDefault(SIGNATURE_ANNOTATION, "");
    }
  }

  /** A manifest and its config, ready to push. */
  public record Built(byte[] manifest, byte[] config) {}

  private SignatureManifest() {}

  /** The tag cosign stores signatures of {@code digest} under. */
  public static String tag(Digest digest) {
    return digest.algorithm() + "-" + digest.hex() + ".sig";
  }

  /** The manifest and config for {@code layers}, in order. */
  public static Built build(List<Layer> layers) {
    StringBuilder diffIds = new StringBuilder();
    StringBuilder history = new StringBuilder();
    for (int i = 0; i < layers.size(); i++) {
      diffIds.append(i == 0 ? "" : ",").append('"').append(layers.get(i).digest()).append('"');
      history.append(i == 0 ? "" : ",").append("{\"created\":\"0001-01-01T00:00:00Z\"}");
    }
    byte[] config = ("{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\""
        + (layers.isEmpty() ? "" : ",\"history\":[" + history + "]")
        + ",\"os\":\"\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]},\"config\":{}}")
        .getBytes(StandardCharsets.UTF_8);
    StringBuilder m = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + OCI_CONFIG + "\",\"size\":" + config.length + ",\"digest\":\"" + Digest.sha256(config) + "\"},\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      m.append(i == 0 ? "" : ",").append("{\"mediaType\":").append(quote(l.mediaType())).append(",\"size\":").append(l.size())
          .append(",\"digest\":\"").append(l.digest()).append('"');
      if (!l.annotations().isEmpty()) {
        m.append(",\"annotations\":{");
        boolean first = true;
        for (Map.Entry<String, String> a : new TreeMap<>(l.annotations()).entrySet()) {
          m.append(first ? "" : ",").append(quote(a.getKey())).append(':').append(quote(a.getValue()));
          first = false;
        }
        m.append('}');
      }
      m.append('}');
    }
    m.append("]}");
    return new Built(m.toString().getBytes(StandardCharsets.UTF_8), config);
  }

  /** The layers of a {@code .sig} manifest. */
  public static List<Layer> layers(byte[] manifest, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(manifest);
    } catch (IOException e) {
      throw new SignFailure(SignFailure.Reason.MALFORMED, "Tried to read signatures " + where
          + " but failed because: the manifest is not JSON");
    }
    List<Layer> out = new ArrayList<>();
    for (JsonNode l : root.path("layers")) {
      Map<String, String> ann = new TreeMap<>();
      l.path("annotations").properties().forEach(e -> ann.put(e.getKey(), e.getValue().asText()));
      try {
        out.add(new Layer(l.path("mediaType").asText(""), Digest.parse(l.path("digest").asText("")), l.path("size").asLong(-1), ann));
      } catch (IllegalArgumentException e) {
        throw new SignFailure(SignFailure.Reason.MALFORMED, "Tried to read signatures " + where
            + " but failed because: a layer has a malformed digest");
      }
    }
    return out;
  }

  /**
   * Go's {@code json.Marshal} string: escapes {@code <}, {@code >} and {@code &} as {@code \u003c} etc.,
   * besides the usual.
   */
  static String quote(String s) {
    try {
      return JSON.writeValueAsString(s).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
