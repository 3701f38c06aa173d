package io.drydock.refs.find;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Where a YAML node's text is in its file: SnakeYAML's marks (code points, at the node's anchor or tag) turned
 * into the char spans that pinning rewrites and the line:column that is reported.
 */
final class YamlText {
  private final String text;
  private final TextLines lines;
  private final CodePoints cp;

  YamlText(String text) {
    this.text = text;
    this.lines = TextLines.of(text);
    this.cp = CodePoints.of(text);
  }

  /** Where a node's own text begins, past its anchor and tag. */
  int startOf(Node node) {
    return skipProperties(cp.charIndex(node.getStartMark().getIndex()), text.length());
  }

  /** Where a scalar is reported: quoted scalars at their opening quote, as editors do. */
  int reportedStart(ScalarNode node) {
    int start = spanOf(node).start();
    if (node.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN && start > 0) {
      start--;
    }
    return start;
  }

  /** The span of a scalar's text without quotes, or Fixed when the text is not the value (escapes, folding). */
  Site site(ScalarNode node) {
    DumperOptions.ScalarStyle style = node.getScalarStyle();
    if (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED) {
      return new Site.Fixed("block scalar");
    }
    Site.Span span = spanOf(node);
    String inFile = text.substring(span.start(), span.end());
    if (!inFile.equals(node.getValue()) && !(YamlNodes.empty(node) && style == DumperOptions.ScalarStyle.PLAIN)) {
      return new Site.Fixed("scalar written with escapes or over several lines");
    }
    return span;
  }

  Site.Span spanOf(ScalarNode node) {
    int end = cp.charIndex(node.getEndMark().getIndex());
    int start = skipProperties(cp.charIndex(node.getStartMark().getIndex()), end);
    DumperOptions.ScalarStyle style = node.getScalarStyle();
    if ((style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED)
        && end - start >= 2) {
      return new Site.Span(start + 1, end - 1);
    }
    return new Site.Span(start, Math.max(start, end));
  }

  /** A node's start mark is at its anchor ({@code &name}) or tag ({@code !!str}) when it has one: skip them. */
  int skipProperties(int start, int end) {
    int i = start;
    while (i < end && (text.charAt(i) == '&' || text.charAt(i) == '!')) {
      while (i < end && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      while (i < end && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
    }
    return i;
  }

  int line(int charIndex) {
    return lines.lineOf(charIndex) + 1;
  }

  int column(int charIndex) {
    return lines.columnOf(text, charIndex);
  }

  /** SnakeYAML marks count code points; Java strings count chars. */
  private static final class CodePoints {
    private final int @Nullable [] charIndex;

    private CodePoints(int @Nullable [] charIndex) {
      this.charIndex = charIndex;
    }

    static CodePoints of(String text) {
      if (text.codePoints().noneMatch(Character::isSupplementaryCodePoint)) {
        return new CodePoints(null);
      }
      int[] map = new int[text.codePointCount(0, text.length()) + 1];
      int c = 0;
      for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
        map[c++] = i;
      }
      map[c] = text.length();
      return new CodePoints(map);
    }

    int charIndex(int codePointIndex) {
      return charIndex == null ? codePointIndex : charIndex[Math.min(codePointIndex, charIndex.length - 1)];
    }
  }
}
