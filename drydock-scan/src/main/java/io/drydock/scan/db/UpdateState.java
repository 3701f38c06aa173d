package io.drydock.scan.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What {@code db update} remembers per ecosystem ({@code osv/state.json} in the cache): the validators of the
 * export it holds, when it was fetched, and whether the DB was built from it yet. A missing or unreadable file is
 * an empty state (everything is fetched again).
 */
final class UpdateState {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One cached export. {@code pending}: downloaded but not yet imported into the DB. */
  record Entry(String file, @Nullable String etag, @Nullable String lastModified, Instant fetchedAt, long size, boolean pending) {}

  final String repository;
  final Map<String, Entry> entries;

  UpdateState(String repository, Map<String, Entry> entries) {
    this.repository = repository;
    this.entries = new TreeMap<>(entries);
  }

  static UpdateState load(Path file) {
    Map<String, Entry> entries = new TreeMap<>();
    String repository = "";
    if (!Files.isRegularFile(file)) {
      return new UpdateState(repository, entries);
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      repository = n.path("repository").asText("");
      n.path("ecosystems").properties().forEach(e -> {
        JsonNode v = e.getValue();
        String f = v.path("file").asText("");
        if (f.isEmpty() || f.contains("/") || f.contains("\\") || f.startsWith(".")) {
          return; // never follow a path out of the cache
        }
        entries.put(e.getKey(), new Entry(f, text(v, "etag"), text(v, "lastModified"),
            Instant.parse(v.path("fetchedAt").asText("1970-01-01T00:00:00Z")), v.path("size").asLong(), v.path("pending").asBoolean()));
      });
    } catch (IOException | RuntimeException e) {
      return new UpdateState("", Map.of());
    }
    return new UpdateState(repository, entries);
  }

  void save(Path file) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("repository", repository);
    ObjectNode ecos = n.putObject("ecosystems");
    entries.forEach((k, v) -> {
      ObjectNode o = ecos.putObject(k);
      o.put("file", v.file());
      o.put("etag", v.etag());
      o.put("lastModified", v.lastModified());
      o.put("fetchedAt", v.fetchedAt().toString());
      o.put("size", v.size());
      o.put("pending", v.pending());
    });
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".state", ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), n);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
