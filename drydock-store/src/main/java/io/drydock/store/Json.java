package io.drydock.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.drydock.model.Digest;
import io.drydock.model.event.DomainEvent;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * JSON of stored values. Events are stored generically: the record's type name relative to the event package
 * ({@code ScanEvent.ScanCompleted}) is the discriminator, the record's components are the body, so a new event
 * record needs no change here. Keys are sorted; the
 * body is hashed exactly as stored, so a later change of serialisation does not break old chains.
 */
final class Json {
  private static final String EVENT_PACKAGE = "io.drydock.model.event.";

  static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The event's JSON body and the digests it names, from one tree (serialised once). */
  record Body(String json, List<String> digests) {}

  static Body body(DomainEvent event) {
    JsonNode tree = MAPPER.valueToTree(event);
    TreeSet<String> out = new TreeSet<>();
    collect(tree, out);
    try {
      return new Body(MAPPER.writeValueAsString(tree), new ArrayList<>(out));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code ScanEvent.ScanCompleted} for {@code io.drydock.model.event.ScanEvent$ScanCompleted}. */
  static String typeName(DomainEvent event) {
    String name = event.getClass().getName();
    if (!name.startsWith(EVENT_PACKAGE)) {
      throw new IllegalArgumentException("not a drydock domain event: " + name);
    }
    return name.substring(EVENT_PACKAGE.length()).replace('$', '.');
  }

  /** The event of a stored row, or empty when its type is unknown to this build (a newer drydock wrote it). */
  static java.util.Optional<DomainEvent> readEvent(String type, String body) {
    Class<?> c;
    try {
      c = Class.forName(EVENT_PACKAGE + type.replace('.', '$'));
    } catch (ClassNotFoundException e) {
      return java.util.Optional.empty();
    }
    if (!DomainEvent.class.isAssignableFrom(c)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of((DomainEvent) read(body, c));
  }

  /** Every digest named anywhere in an event's body (objects of the shape {@code {algorithm, hex}}), sorted. */
  static List<String> digests(String body) {
    try {
      TreeSet<String> out = new TreeSet<>();
      collect(MAPPER.readTree(body), out);
      return new ArrayList<>(out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collect(JsonNode node, TreeSet<String> out) {
    if (node.isObject() && node.size() == 2 && node.path("algorithm").isTextual() && node.path("hex").isTextual()) {
      try {
        out.add(new Digest(node.get("algorithm").asText(), node.get("hex").asText()).toString());
      } catch (IllegalArgumentException e) {
        // not a digest after all
      }
      return;
    }
    for (JsonNode child : node) {
      collect(child, out);
    }
  }

  static Map<String, String> readLabels(String json) {
    try {
      return MAPPER.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
