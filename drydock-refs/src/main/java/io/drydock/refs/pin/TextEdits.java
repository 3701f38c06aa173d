package io.drydock.refs.pin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Applies edits to a text, leaving every other char as it was (pure). */
public final class TextEdits {
  private TextEdits() {}

  /** Applies non-overlapping edits (identical duplicates, e.g. one anchored scalar reached twice, count once). */
  public static String apply(String text, List<Edit> edits) {
    List<Edit> sorted = new ArrayList<>(edits.stream().distinct().toList());
    sorted.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
    StringBuilder out = new StringBuilder(text.length() + 80 * sorted.size());
    int at = 0;
    for (Edit e : sorted) {
      if (e.start() < at || e.end() > text.length()) {
        throw new IllegalArgumentException("overlapping or out-of-range edit " + e);
      }
      out.append(text, at, e.start()).append(e.replacement());
      at = e.end();
    }
    return out.append(text, at, text.length()).toString();
  }

  /**
   * A unified diff ({@code diff -u} style, 3 lines of context) of two texts that have the same number of lines, as
   * pinning produces; line terminators are not shown.
   */
  public static String unifiedDiff(String path, String before, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    StringBuilder out = new StringBuilder();
    if (a.size() != b.size()) {
      out.append("--- a/").append(path).append("\n+++ b/").append(path).append('\n');
      out.append("@@ -1,").append(a.size()).append(" +1,").append(b.size()).append(" @@\n");
      a.forEach(l -> out.append('-').append(l).append('\n'));
      b.forEach(l -> out.append('+').append(l).append('\n'));
      return out.toString();
    }
    List<Integer> changed = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).equals(b.get(i))) {
        changed.add(i);
      }
    }
    if (changed.isEmpty()) {
      return "";
    }
    out.append("--- a/").append(path).append("\n+++ b/").append(path).append('\n');
    int k = 0;
    while (k < changed.size()) {
      int from = Math.max(0, changed.get(k) - 3);
      int last = changed.get(k);
      int j = k;
      while (j + 1 < changed.size() && changed.get(j + 1) - last <= 6) {
        last = changed.get(++j);
      }
      int to = Math.min(a.size() - 1, last + 3);
      int n = to - from + 1;
      out.append("@@ -").append(from + 1).append(',').append(n).append(" +").append(from + 1).append(',').append(n)
          .append(" @@\n");
      for (int i = from; i <= to; i++) {
        if (a.get(i).equals(b.get(i))) {
          out.append(' ').append(a.get(i)).append('\n');
        } else {
          out.append('-').append(a.get(i)).append('\n').append('+').append(b.get(i)).append('\n');
        }
      }
      k = j + 1;
    }
    return out.toString();
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    for (String l : text.split("\n", -1)) {
      out.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
    }
    if (text.endsWith("\n")) {
      out.remove(out.size() - 1);
    }
    return out;
  }
}
