package io.drydock.policy.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Cosign's simple-signing payload ({@code application/vnd.dev.cosign.simplesigning.v1+json}), byte for byte as
 * sigstore's {@code payload.Cosign.MarshalJSON} writes it: compact JSON, no trailing newline, {@code optional}
 * null when there are no annotations. Pure.
 */
public final class SimpleSigning {
  public static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
  public static final String TYPE = "cosign container image signature";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a payload claims. */
  public record Claim(String dockerReference, Digest manifestDigest, String type) {}

  private SimpleSigning() {}

  /**
   * The payload for {@code repository} (as cosign names it: registry/repository, Docker Hub as {@code
   * index.docker.io}) at {@code digest}.
   */
  public static byte[] payload(String dockerReference, Digest digest) {
    try {
      return ("{\"critical\":{\"identity\":{\"docker-reference\":" + JSON.writeValueAsString(dockerReference)
          + "},\"image\":{\"docker-manifest-digest\":\"" + digest + "\"},\"type\":\"" + TYPE + "\"},\"optional\":null}")
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claim in {@code payload}; null when it is not a simple-signing payload. */
  public static @Nullable Claim parse(byte[] payload) {
    try {
      JsonNode root = JSON.readTree(payload);
      JsonNode critical = root == null ? null : root.path("critical");
      if (critical == null || !critical.isObject()) {
        return null;
      }
      String digest = critical.path("image").path("docker-manifest-digest").asText("");
      return new Claim(critical.path("identity").path("docker-reference").asText(""), Digest.parse(digest),
          critical.path("type").asText(""));
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
