package io.drydock.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.image.RawManifest;
import io.drydock.model.Digest;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v2/<repo>/manifests/<tag|digest>} with the OCI and Docker v2 media types accepted. The bytes are
 * capped, and checked against {@code Docker-Content-Digest} and against the digest asked for.
 */
final class FetchManifest {
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String ACCEPT = String.join(", ", OCI_INDEX, OCI_MANIFEST, DOCKER_LIST, DOCKER_MANIFEST);
  private static final ObjectMapper JSON = new ObjectMapper();

  private FetchManifest() {}

  static RawManifest fetch(RegistrySession session, String repository, String reference, long maxBytes) throws IOException {
    Refs.checkRepository(repository);
    Optional<Digest> asked = Refs.digestOrTag(reference);
    String registry = session.host().registry();
    String action = "pull manifest " + Refs.display(registry, repository, reference);
    HttpResponse<InputStream> response = session.send("GET", "/v2/" + repository + "/manifests/" + reference,
        Map.of("Accept", ACCEPT), RegistrySession.pullScope(repository), action);
    if (response.statusCode() != 200) {
      throw RegistryErrors.of(response, action, notFound(repository, reference, registry), repository, registry);
    }
    Optional<String> header = response.headers().firstValue("Docker-Content-Digest");
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    byte[] bytes = Bodies.readCapped(response, maxBytes, action, "manifest");
    Digest digest = verify(bytes, header.orElse(null), asked.orElse(null), action);
    return new RawManifest(bytes, mediaType(contentType, bytes), digest);
  }

  /** The digest of {@code bytes}, after checking it against the header and the digest asked for. Pure. */
  static Digest verify(byte[] bytes, @org.jspecify.annotations.Nullable String header,
      @org.jspecify.annotations.Nullable Digest asked, String action) {
    Digest claimed = null;
    if (header != null && !header.isBlank()) {
      try {
        claimed = Digest.parse(header.trim());
      } catch (IllegalArgumentException e) {
        throw Http.failure(ErrorKind.INVALID_INPUT, action, "the registry sent a malformed Docker-Content-Digest '"
            + abbreviate(header) + "'");
      }
    }
    Digest actual = null;
    if (asked != null) {
      actual = computed(bytes, asked);
      if (!actual.equals(asked)) {
        throw Http.failure(ErrorKind.INVALID_INPUT, action, "the " + bytes.length + " bytes served have digest " + actual
            + ", not the one asked for");
      }
    }
    if (claimed != null) {
      Digest ofBytes = computed(bytes, claimed);
      if (!ofBytes.equals(claimed)) {
        throw Http.failure(ErrorKind.INVALID_INPUT, action, "the registry's Docker-Content-Digest " + claimed
            + " does not match the " + ofBytes + " of the " + bytes.length + " bytes it sent");
      }
      if (actual == null) {
        actual = ofBytes;
      }
    }
    return actual != null ? actual : Digest.sha256(bytes);
  }

  private static Digest computed(byte[] bytes, Digest like) {
    return Digest.of(like.algorithm(), like.newMessageDigest().digest(bytes));
  }

  /** Content-Type without parameters; when missing or generic, the manifest's own {@code mediaType}. */
  static String mediaType(String contentType, byte[] bytes) {
    String ct = contentType;
    int semi = ct.indexOf(';');
    if (semi >= 0) {
      ct = ct.substring(0, semi);
    }
    ct = ct.trim().toLowerCase(Locale.ROOT);
    if (!ct.isEmpty() && !ct.equals("application/json") && !ct.equals("text/plain")
        && !ct.equals("application/octet-stream")) {
      return ct;
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node != null && node.path("mediaType").isTextual() && !node.path("mediaType").asText().isBlank()) {
        return node.path("mediaType").asText();
      }
    } catch (IOException e) {
      // not JSON: the resolver will say so
    }
    return ct.isEmpty() ? "application/octet-stream" : ct;
  }

  static String notFound(String repository, String reference, String registry) {
    return reference.contains(":")
        ? "repository " + repository + " on " + registry + " has no manifest " + reference
        : "repository " + repository + " on " + registry + " has no tag '" + reference + "'";
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
