package io.drydock.policy.file;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a YAML document starts, by JSON pointer ({@code /rules/3/cel}): Jackson's tree keeps no
 * locations, so one streaming pass records them for the compiler's messages.
 */
final class Locations {
  record Pos(int line, int column) {}

  private final Map<String, Pos> byPointer = new HashMap<>();
  private final Map<String, Pos> values = new HashMap<>();

  static Locations of(JsonFactory factory, String text) throws IOException {
    Locations l = new Locations();
    try (JsonParser p = factory.createParser(text)) {
      Deque<String> path = new ArrayDeque<>();
      Deque<int[]> index = new ArrayDeque<>();
      String field = null;
      JsonLocation keyAt = null;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          field = p.currentName();
          keyAt = p.currentTokenLocation();
          continue;
        }
        String here;
        if (!index.isEmpty() && index.peek()[0] >= 0) {
          if (t == JsonToken.END_ARRAY) {
            index.pop();
            path.pop();
            continue;
          }
          here = path.peek() + "/" + index.peek()[0]++;
        } else if (t == JsonToken.END_OBJECT) {
          index.pop();
          path.pop();
          continue;
        } else {
          here = path.isEmpty() ? "" : path.peek() + "/" + field;
        }
        JsonLocation loc = p.currentTokenLocation();
        boolean inObject = index.isEmpty() || index.peek()[0] < 0;
        JsonLocation named = inObject && keyAt != null && !here.isEmpty() ? keyAt : loc;
        l.byPointer.putIfAbsent(here, new Pos(named.getLineNr(), named.getColumnNr()));
        l.values.putIfAbsent(here, new Pos(loc.getLineNr(), loc.getColumnNr()));
        if (t == JsonToken.START_OBJECT) {
          path.push(here);
          index.push(new int[] {-1});
        } else if (t == JsonToken.START_ARRAY) {
          path.push(here);
          index.push(new int[] {0});
        }
      }
    }
    return l;
  }

  /** Where the value itself starts (for a key: after the colon). */
  Pos valueAt(String pointer) {
    Pos v = values.get(pointer);
    return v != null ? v : at(pointer);
  }

  /** The position of the pointer's key (array elements: the element), or of its nearest parent that has one, or 1:1. */
  Pos at(String pointer) {
    String p = pointer;
    while (true) {
      Pos pos = byPointer.get(p);
      if (pos != null) {
        return pos;
      }
      if (p.isEmpty()) {
        return new Pos(1, 1);
      }
      p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
    }
  }
}
