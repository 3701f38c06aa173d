package io.drydock.rollout.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML into a {@link YNode} tree with line numbers. Jackson's own {@code JsonNode} forgets token
 * locations, so the tree is built here from the streaming parser ({@code currentTokenLocation()}).
 */
final class YamlTree {
  static final int MAX_DEPTH = 64;
  private static final YAMLFactory FACTORY = YAMLFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(1 << 20).build())
      .build();

  private YamlTree() {}

  static YNode read(String yaml) throws IOException {
    try (JsonParser p = FACTORY.createParser(yaml)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new YNode.YMap(1, Map.of(), Map.of());
      }
      YNode root = node(p, 0);
      if (p.nextToken() != null) {
        throw new IOException("more than one YAML document; a service file holds one");
      }
      return root;
    }
  }

  private static YNode node(JsonParser p, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IOException("nesting deeper than " + MAX_DEPTH);
    }
    int line = p.currentTokenLocation().getLineNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, YNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = p.currentTokenLocation().getLineNr();
          p.nextToken();
          YNode value = node(p, depth + 1);
          if (entries.containsKey(key)) {
            throw new IOException("line " + keyLine + ": duplicate key '" + key + "'");
          }
          entries.put(key, value);
          keyLines.put(key, keyLine);
        }
        return new YNode.YMap(line, entries, keyLines);
      }
      case START_ARRAY: {
        List<YNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(node(p, depth + 1));
        }
        return new YNode.YList(line, items);
      }
      case VALUE_NULL:
        return new YNode.YScalar(line, null, false);
      case VALUE_STRING:
        return new YNode.YScalar(line, p.getText(), true);
      default:
        return new YNode.YScalar(line, p.getText(), false);
    }
  }
}
