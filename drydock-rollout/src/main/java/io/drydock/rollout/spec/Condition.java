package io.drydock.rollout.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A success or failure condition over a measured value, in a small subset of the expression language Argo
 * Rollouts uses: comparisons of {@code result} with numbers, quoted strings or booleans
 * ({@code < <= > >= == !=}), combined with {@code &&}, {@code ||}, {@code !} and parentheses. For example
 * {@code result < 0.05} or {@code result >= 200 && result < 300} or {@code result == "ok"}.
 *
 * <p>Written here instead of embedding an expression engine: the grammar is ten lines, and the one planned
 * engine (CEL) would add guava and protobuf to a module that needs neither.
 */
public final class Condition {
  private static final int MAX_LENGTH = 500;
  private final String text;
  private final Node root;

  private Condition(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  /** Parses a condition; IllegalArgumentException with the reason when it is malformed. */
  public static Condition parse(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("condition longer than " + MAX_LENGTH + " characters");
    }
    Parser p = new Parser(tokenize(text));
    Node n = p.or(0);
    if (p.pos != p.tokens.size()) {
      throw new IllegalArgumentException("unexpected '" + p.tokens.get(p.pos) + "' in condition '" + text + "'");
    }
    return new Condition(text, n);
  }

  /**
   * Evaluates against a result (a Double, String or Boolean).
   *
   * @throws IllegalArgumentException when the result's type cannot be compared as the condition asks
   */
  public boolean test(Object result) {
    return root.eval(Objects.requireNonNull(result, "result"));
  }

  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Condition c && c.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  private interface Node {
    boolean eval(Object result);
  }

  private static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'') {
        int end = s.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated string in condition '" + s + "'");
        }
        out.add(s.substring(i, end + 1));
        i = end + 1;
      } else if ("<>=!&|".indexOf(c) >= 0) {
        int j = i + 1;
        if (j < s.length() && "=&|".indexOf(s.charAt(j)) >= 0) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      } else if (c == '(' || c == ')') {
        out.add(String.valueOf(c));
        i++;
      } else if (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '+') {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || ".-_+".indexOf(s.charAt(j)) >= 0)) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      } else {
        throw new IllegalArgumentException("unexpected character '" + c + "' in condition '" + s + "'");
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("empty condition");
    }
    return out;
  }

  private static final class Parser {
    final List<String> tokens;
    int pos;

    Parser(List<String> tokens) {
      this.tokens = tokens;
    }

    String peek() {
      return pos < tokens.size() ? tokens.get(pos) : "";
    }

    String next() {
      if (pos >= tokens.size()) {
        throw new IllegalArgumentException("condition ends too early");
      }
      return tokens.get(pos++);
    }

    Node or(int depth) {
      if (depth > 20) {
        throw new IllegalArgumentException("condition nested too deeply");
      }
      Node left = and(depth);
      while (peek().equals("||")) {
        pos++;
        Node l = left;
        Node r = and(depth);
        left = v -> l.eval(v) || r.eval(v);
      }
      return left;
    }

    Node and(int depth) {
      Node left = unary(depth);
      while (peek().equals("&&")) {
        pos++;
        Node l = left;
        Node r = unary(depth);
        left = v -> l.eval(v) && r.eval(v);
      }
      return left;
    }

    Node unary(int depth) {
      String t = peek();
      if (t.equals("!")) {
        pos++;
        Node n = unary(depth + 1);
        return v -> !n.eval(v);
      }
      if (t.equals("(")) {
        pos++;
        Node n = or(depth + 1);
        if (!next().equals(")")) {
          throw new IllegalArgumentException("missing ')' in condition");
        }
        return n;
      }
      Operand left = operand(next());
      String op = next();
      if (!List.of("<", "<=", ">", ">=", "==", "!=").contains(op)) {
        throw new IllegalArgumentException("expected a comparison operator, found '" + op + "'");
      }
      Operand right = operand(next());
      if (!left.isResult && !right.isResult) {
        throw new IllegalArgumentException("a comparison must involve 'result'");
      }
      return v -> compare(left.value(v), op, right.value(v));
    }

    Operand operand(String t) {
      if (t.equals("result")) {
        return new Operand(true, null);
      }
      if (t.startsWith("\"") || t.startsWith("'")) {
        return new Operand(false, t.substring(1, t.length() - 1));
      }
      if (t.equals("true") || t.equals("false")) {
        return new Operand(false, Boolean.parseBoolean(t));
      }
      try {
        return new Operand(false, Double.parseDouble(t));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected result, a number or a quoted string, found '" + t + "'", e);
      }
    }
  }

  private record Operand(boolean isResult, Object constant) {
    Object value(Object result) {
      return isResult ? result : constant;
    }
  }

  private static boolean compare(Object a, String op, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      double l = x.doubleValue();
      double r = y.doubleValue();
      return switch (op) {
        case "<" -> l < r;
        case "<=" -> l <= r;
        case ">" -> l > r;
        case ">=" -> l >= r;
        case "==" -> l == r;
        default -> l != r;
      };
    }
    if (op.equals("==") || op.equals("!=")) {
      return op.equals("==") == a.equals(b);
    }
    if (a instanceof String x && b instanceof String y) {
      int c = x.compareTo(y);
      return switch (op) {
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
    }
    throw new IllegalArgumentException("cannot compare " + describe(a) + " " + op + " " + describe(b));
  }

  private static String describe(Object o) {
    return (o instanceof String ? "string \"" + o + "\"" : o instanceof Boolean ? "boolean " + o : "number " + o);
  }
}
