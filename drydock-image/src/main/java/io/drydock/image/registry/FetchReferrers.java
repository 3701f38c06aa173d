package io.drydock.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.Digest;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * OCI 1.1 referrers: {@code GET /v2/<repo>/referrers/<digest>}, and when the registry lacks the API (404 without
 * a registry error body, or 400/405) the tag schema fallback: the index at tag {@code sha256-<hex>}. Also the
 * write side of the fallback: adding a descriptor to that index.
 */
final class FetchReferrers {
  static final long MAX_INDEX = 4L * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private FetchReferrers() {}

  static List<Referrer> list(RegistrySession session, String repository, Digest subject, @Nullable String artifactType)
      throws IOException {
    Refs.checkRepository(repository);
    String registry = session.host().registry();
    String action = "list referrers of " + registry + "/" + repository + "@" + subject;
    String path = "/v2/" + repository + "/referrers/" + subject
        + (artifactType == null ? "" : "?artifactType=" + URLEncoder.encode(artifactType, StandardCharsets.UTF_8));
    HttpResponse<InputStream> r = session.send("GET", path, Map.of("Accept", FetchManifest.OCI_INDEX),
        RegistrySession.pullScope(repository), action);
    int code = r.statusCode();
    if (code == 200) {
      byte[] body = Bodies.readCapped(r, MAX_INDEX, action, "referrers index");
      return filter(parse(body, action), artifactType);
    }
    if (code == 404 || code == 400 || code == 405) {
      Optional<RegistryErrors.RegistryError> error = RegistryErrors.parse(Bodies.readPrefix(r, 16 * 1024));
      if (error.isPresent() && error.get().code().equals("NAME_UNKNOWN")) {
        throw Http.failure(ErrorKind.NOT_FOUND, action, "repository " + repository + " does not exist on " + registry);
      }
      return filter(fallback(session, repository, subject).map(b -> parse(b, action)).orElse(List.of()), artifactType);
    }
    throw RegistryErrors.of(r, action, "", repository, registry);
  }

  /** The fallback tag for {@code subject}: {@code sha256-<hex>}. */
  static String fallbackTag(Digest subject) {
    return subject.algorithm() + "-" + subject.hex();
  }

  static Optional<byte[]> fallback(RegistrySession session, String repository, Digest subject) throws IOException {
    String tag = fallbackTag(subject);
    if (HeadManifest.head(session, repository, tag, "look up referrers tag").isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(FetchManifest.fetch(session, repository, tag, MAX_INDEX).bytes());
  }

  /** Adds {@code entry} to the fallback index of {@code subject} (creating it), unless it is there already. */
  static void addToFallback(RegistrySession session, String repository, Digest subject, Referrer entry) throws IOException {
    Optional<byte[]> existing = fallback(session, repository, subject);
    byte[] updated = withEntry(existing.orElse(null), entry, "update referrers tag " + fallbackTag(subject));
    if (existing.isPresent() && java.util.Arrays.equals(existing.get(), updated)) {
      return;
    }
    PutManifest.put(session, repository, fallbackTag(subject), FetchManifest.OCI_INDEX, updated);
  }

  /** The index with {@code entry} appended (a new index when {@code index} is null). Pure. */
  static byte[] withEntry(byte @Nullable [] index, Referrer entry, String action) {
    ObjectNode root;
    try {
      root = index == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(index);
    } catch (IOException | ClassCastException e) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the existing referrers index is not a JSON object");
    }
    if (index == null) {
      root.put("schemaVersion", 2);
      root.put("mediaType", FetchManifest.OCI_INDEX);
      root.putArray("manifests");
    }
    ArrayNode manifests = root.withArray("manifests");
    for (JsonNode m : manifests) {
      if (entry.digest().toString().equals(m.path("digest").asText())) {
        return index;
      }
    }
    ObjectNode d = manifests.addObject();
    d.put("mediaType", entry.mediaType());
    d.put("digest", entry.digest().toString());
    d.put("size", entry.size());
    if (entry.artifactType() != null) {
      d.put("artifactType", entry.artifactType());
    }
    if (!entry.annotations().isEmpty()) {
      ObjectNode a = d.putObject("annotations");
      entry.annotations().forEach(a::put);
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Referrer> parse(byte[] body, String action) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the referrers index is not JSON");
    }
    if (root == null || !root.path("manifests").isArray()) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the referrers index has no 'manifests' array");
    }
    List<Referrer> out = new ArrayList<>();
    for (JsonNode m : root.path("manifests")) {
      Digest digest;
      try {
        digest = Digest.parse(m.path("digest").asText(""));
      } catch (IllegalArgumentException e) {
        throw Http.failure(ErrorKind.INVALID_INPUT, action, "a referrer has a malformed digest");
      }
      Map<String, String> ann = new LinkedHashMap<>();
      m.path("annotations").properties().forEach(f -> ann.put(f.getKey(), f.getValue().asText()));
      String type = m.path("artifactType").isTextual() ? m.path("artifactType").asText() : null;
      out.add(new Referrer(m.path("mediaType").asText(FetchManifest.OCI_MANIFEST), digest, m.path("size").asLong(-1), type, ann));
    }
    return List.copyOf(out);
  }

  static List<Referrer> filter(List<Referrer> all, @Nullable String artifactType) {
    return artifactType == null ? all : all.stream().filter(r -> artifactType.equals(r.artifactType())).toList();
  }
}
