package io.drydock.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v2/_catalog?n=…}, following {@code Link} pages on the same origin (as {@link ListTags}). Bounded in
 * page size, pages and repositories.
 */
final class Catalog {
  static final int PAGE_SIZE = 1000;
  static final int MAX_REPOSITORIES = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Catalog() {}

  static List<String> list(RegistrySession session) throws IOException {
    String registry = session.host().registry();
    String action = "list the catalog of " + registry;
    URI base = session.endpoint(action).base();
    String next = "/v2/_catalog?n=" + PAGE_SIZE;
    List<String> repositories = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (next != null) {
      if (!seen.add(next)) {
        throw Http.failure(ErrorKind.INVALID_INPUT, action, "the registry's pagination loops back to " + next);
      }
      HttpResponse<InputStream> response = session.send("GET", next, Map.of("Accept", "application/json"),
          "registry:catalog:*", action);
      URI requested = response.request().uri();
      if (response.statusCode() != 200) {
        throw RegistryErrors.of(response, action, registry + " has no catalog", "_catalog", registry);
      }
      Optional<String> link = response.headers().firstValue("Link");
      byte[] body = Bodies.readCapped(response, ListTags.MAX_PAGE_BYTES, action, "catalog page");
      JsonNode node;
      try {
        node = JSON.readTree(body);
      } catch (IOException e) {
        throw Http.failure(ErrorKind.INVALID_INPUT, action, "the catalog is not JSON");
      }
      if (node == null || !node.path("repositories").isArray()) {
        throw Http.failure(ErrorKind.INVALID_INPUT, action, "the catalog has no 'repositories' array");
      }
      node.path("repositories").forEach(r -> {
        if (r.isTextual()) {
          repositories.add(r.asText());
        }
      });
      if (repositories.size() > MAX_REPOSITORIES) {
        throw Http.failure(ErrorKind.INVALID_INPUT, action, "the registry has more than " + MAX_REPOSITORIES + " repositories");
      }
      next = LinkHeader.nextPage(link, requested, base, action);
    }
    return List.copyOf(repositories);
  }
}
