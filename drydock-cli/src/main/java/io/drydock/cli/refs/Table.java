package io.drydock.cli.refs;

import java.util.ArrayList;
import java.util.List;

/** A plain text table with left-aligned columns. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();

  Table(String... header) {
    rows.add(header);
  }

  void row(String... cells) {
    rows.add(cells);
  }

  @Override
  public String toString() {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r[i] == null ? 0 : r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        String c = r[i] == null ? "" : r[i];
        line.append(c);
        if (i < cols - 1) {
          line.append(" ".repeat(width[i] - c.length() + 2));
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
