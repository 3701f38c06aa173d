package io.drydock.scan.analyzer.npm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a {@code package.json} that identify an installed package, read with a streaming parser: only the
 * top-level {@code name}, {@code version}, {@code license} and {@code licenses} are kept, everything else is
 * skipped token by token, so memory stays small whatever the file holds.
 */
record PackageJson(@Nullable String name, @Nullable String version, List<String> licenses) {
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).maxStringLength(1 << 20).build())
      .build();

  PackageJson {
    licenses = List.copyOf(licenses);
  }

  /** Parses; throws Jackson's exception when the content is not a JSON object or breaks the limits. */
  static PackageJson parse(InputStream in) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new JsonParseException(p, "not a JSON object");
      }
      String name = null;
      String version = null;
      List<String> licenses = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "name" -> name = value == JsonToken.VALUE_STRING ? p.getText() : skip(p);
          case "version" -> version = value == JsonToken.VALUE_STRING ? p.getText() : skip(p);
          case "license" -> addLicense(p, value, licenses);
          case "licenses" -> {
            if (value == JsonToken.START_ARRAY) {
              JsonToken item;
              while ((item = p.nextToken()) != JsonToken.END_ARRAY && item != null) {
                addLicense(p, item, licenses);
              }
            } else {
              addLicense(p, value, licenses);
            }
          }
          default -> skip(p);
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw new JsonParseException(p, "unexpected " + t + " in package.json");
      }
      return new PackageJson(name, version, licenses.stream().distinct().toList());
    }
  }

  /** {@code "MIT"} or {@code {"type": "MIT", "url": …}}; anything else is skipped. */
  private static void addLicense(JsonParser p, JsonToken value, List<String> into) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      addIfPresent(p.getText(), into);
    } else if (value == JsonToken.START_OBJECT) {
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if (field.equals("type") && v == JsonToken.VALUE_STRING) {
          addIfPresent(p.getText(), into);
        } else {
          skip(p);
        }
      }
    } else {
      skip(p);
    }
  }

  private static void addIfPresent(String license, List<String> into) {
    String s = license.strip();
    if (!s.isEmpty()) {
      into.add(s);
    }
  }

  private static @Nullable String skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }
}
