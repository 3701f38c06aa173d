package io.drydock.refs.find;

import java.util.ArrayList;
import java.util.List;

/** A whitespace-separated word of a Dockerfile instruction and where it starts in the logical line. */
record Token(String text, int start) {
  static List<Token> split(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(new Token(s.substring(start, i), start));
      }
    }
    return out;
  }
}
