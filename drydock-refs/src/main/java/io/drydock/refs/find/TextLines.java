package io.drydock.refs.find;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Line starts of a text, for offsets ↔ line/column. Lines end at {@code \n}; a {@code \r} before it is not content. */
final class TextLines {
  private final String text;
  private final int[] starts;

  private TextLines(String text, int[] starts) {
    this.text = text;
    this.starts = starts;
  }

  static TextLines of(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n' && i + 1 < text.length()) {
        starts.add(i + 1);
      }
    }
    return new TextLines(text, starts.stream().mapToInt(Integer::intValue).toArray());
  }

  int count() {
    return text.isEmpty() ? 0 : starts.length;
  }

  int start(int line) {
    return starts[line];
  }

  /** Line content without its terminator ({@code \n} or {@code \r\n}). */
  String content(int line) {
    int s = starts[line];
    int e = line + 1 < starts.length ? starts[line + 1] - 1 : (text.endsWith("\n") ? text.length() - 1 : text.length());
    if (e > s && text.charAt(e - 1) == '\r') {
      e--;
    }
    return text.substring(s, e);
  }

  /** 0-based line of a char offset. */
  int lineOf(int offset) {
    int i = Arrays.binarySearch(starts, offset);
    return i >= 0 ? i : -i - 2;
  }

  /** 1-based column in code points of a char offset. */
  int columnOf(String t, int offset) {
    int s = starts[lineOf(offset)];
    return t.codePointCount(s, offset) + 1;
  }
}
