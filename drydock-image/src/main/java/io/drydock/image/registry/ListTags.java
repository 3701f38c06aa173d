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
 * {@code GET /v2/<repo>/tags/list?n=…}, following {@code Link: <…>; rel="next"} pages on the same origin.
 * Bounded: each page, the number of pages and the number of tags have caps.
 */
final class ListTags {
  static final int PAGE_SIZE = 1000;
  static final long MAX_PAGE_BYTES = 8L * 1024 * 1024;
  static final int MAX_TAGS = 200_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ListTags() {}

  static List<String> list(RegistrySession session, String repository, int pageSize) throws IOException {
    Refs.checkRepository(repository);
    String registry = session.host().registry();
    String action = "list tags of " + registry + "/" + repository;
    URI base = session.endpoint(action).base();
    String next = "/v2/" + repository + "/tags/list?n=" + pageSize;
    List<String> tags = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (next != null) {
      if (!seen.add(next)) {
        throw Http.failure(ErrorKind.INVALID_INPUT, action, "the registry's pagination loops back to " + next);
      }
      HttpResponse<InputStream> response = session.send("GET", next, Map.of("Accept", "application/json"),
          RegistrySession.pullScope(repository), action);
      URI requested = response.request().uri();
      if (response.statusCode() != 200) {
        throw RegistryErrors.of(response, action, "repository " + repository + " does not exist on " + registry,
            repository, registry);
      }
      Optional<String> link = response.headers().firstValue("Link");
      byte[] body = Bodies.readCapped(response, MAX_PAGE_BYTES, action, "tag list page");
      tags.addAll(parsePage(body, action));
      if (tags.size() > MAX_TAGS) {
        throw Http.failure(ErrorKind.INVALID_INPUT, action, "the repository has more than " + MAX_TAGS + " tags");
      }
      next = LinkHeader.nextPage(link, requested, base, action);
    }
    return List.copyOf(tags);
  }

  static List<String> parsePage(byte[] body, String action) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the tag list is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the tag list is not a JSON object");
    }
    JsonNode tags = node.path("tags");
    if (tags.isNull() || tags.isMissingNode()) {
      return List.of();
    }
    if (!tags.isArray()) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the tag list's 'tags' is not an array");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode t : tags) {
      if (t.isTextual()) {
        out.add(t.asText());
      }
    }
    return out;
  }

  /** Whether the repository exists: one small tag page, 404 = no. */
  static boolean repositoryExists(RegistrySession session, String repository) throws IOException {
    Refs.checkRepository(repository);
    String registry = session.host().registry();
    String action = "check repository " + registry + "/" + repository;
    HttpResponse<InputStream> response = session.send("GET", "/v2/" + repository + "/tags/list?n=1",
        Map.of("Accept", "application/json"), RegistrySession.pullScope(repository), action);
    int status = response.statusCode();
    if (status == 200) {
      Bodies.discard(response);
      return true;
    }
    if (status == 404) {
      Bodies.discard(response);
      return false;
    }
    throw RegistryErrors.of(response, action, "", repository, registry);
  }
}
