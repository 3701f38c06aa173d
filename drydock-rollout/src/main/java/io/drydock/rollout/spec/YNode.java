package io.drydock.rollout.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML node that remembers the line it started on, so validation errors can name it. */
sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {
  int line();

  /** A mapping; keys keep their own line numbers. */
  record YMap(int line, Map<String, YNode> entries, Map<String, Integer> keyLines) implements YNode {
    public YMap {
      entries = new LinkedHashMap<>(entries);
      keyLines = new LinkedHashMap<>(keyLines);
    }
  }

  record YList(int line, List<YNode> items) implements YNode {
    public YList {
      items = List.copyOf(items);
    }
  }

  /** A scalar; {@code text} is null for YAML null. {@code quoted} is true for string tokens. */
  record YScalar(int line, String text, boolean isString) implements YNode {}
}
