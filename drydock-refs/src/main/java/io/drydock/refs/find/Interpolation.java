package io.drydock.refs.find;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Compose's variable interpolation (the Compose specification's "Interpolation" section, as compose-go implements
 * it): {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?err}},
 * {@code ${VAR?err}}, {@code ${VAR:+alt}}, {@code ${VAR+alt}}, nested expressions in defaults, and {@code $$} for a
 * literal dollar. A {@code $} that starts no valid expression is kept. Pure.
 *
 * <p>Besides the value, the result says where each part of it came from ({@link Piece}), so that a reference whose
 * tag sits in a default ({@code app:${TAG:-1.4}}) can be rewritten there.
 */
final class Interpolation {
  private final String raw;
  private final Map<String, String> env;
  private final StringBuilder value = new StringBuilder();
  private final List<Piece> pieces = new ArrayList<>();
  private final Map<String, Variables.Source> used = new LinkedHashMap<>();
  private @Nullable String error;

  /** Where a run of the value came from. */
  enum Origin {
    /** Text written in the file, at {@link Piece#rawStart} of the expression: rewritable. */
    TEXT,
    /** A variable's value from the environment file: not in this file. */
    ENVIRONMENT,
    /** {@code $$}: one char of value for two of text. */
    ESCAPE
  }

  /**
   * A run {@code [start, end)} of the value.
   *
   * @param rawStart where it starts in the expression, for {@link Origin#TEXT}; else -1
   */
  record Piece(int start, int end, Origin origin, int rawStart) {}

  /**
   * The outcome.
   *
   * @param error the {@code :?} / {@code ?} message or a syntax error, else null (then value is what Compose uses)
   */
  record Result(String value, List<Piece> pieces, List<Variables.Variable> variables, @Nullable String error) {
    boolean hasVariables() {
      return !variables.isEmpty() || pieces.stream().anyMatch(p -> p.origin() == Origin.ESCAPE);
    }

    /** The piece that holds all of value[from, to) ({@code from < to}), or null when it is spread over several. */
    @Nullable Piece covering(int from, int to) {
      for (Piece p : pieces) {
        if (p.start() <= from && to <= p.end()) {
          return p;
        }
      }
      return null;
    }

    /** The piece the value ends with, or null for an empty value. */
    @Nullable Piece last() {
      return pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
    }
  }

  private Interpolation(String raw, Map<String, String> env) {
    this.raw = raw;
    this.env = env;
  }

  static Result of(String raw, Map<String, String> env) {
    Interpolation i = new Interpolation(raw, env);
    if (raw.indexOf('$') < 0) {
      if (!raw.isEmpty()) {
        i.pieces.add(new Piece(0, raw.length(), Origin.TEXT, 0));
      }
      return new Result(raw, List.copyOf(i.pieces), List.of(), null);
    }
    i.expand(0, raw.length());
    List<Variables.Variable> vars = new ArrayList<>();
    i.used.forEach((n, s) -> vars.add(new Variables.Variable(n, s)));
    return new Result(i.value.toString(), List.copyOf(i.pieces), vars, i.error);
  }

  /** Appends the expansion of raw[from, to) to the value. */
  private void expand(int from, int to) {
    int i = from;
    int text = from;
    while (i < to && error == null) {
      char c = raw.charAt(i);
      if (c != '$' || i + 1 >= to) {
        i++;
        continue;
      }
      char n = raw.charAt(i + 1);
      if (n == '$') {
        text(text, i);
        add(1, Origin.ESCAPE, -1);
        value.append('$');
        i += 2;
        text = i;
      } else if (n == '{') {
        int close = closing(i + 2, to);
        if (close < 0) {
          error = "invalid interpolation format: '" + raw.substring(i, to) + "' has no closing brace";
          return;
        }
        text(text, i);
        braced(i + 2, close);
        i = close + 1;
        text = i;
      } else if (isNameStart(n)) {
        int e = i + 1;
        while (e < to && isNamePart(raw.charAt(e))) {
          e++;
        }
        text(text, i);
        String name = raw.substring(i + 1, e);
        String v = env.get(name);
        substitute(name, v, v == null ? Variables.Source.UNSET : Variables.Source.ENV_FILE);
        i = e;
        text = i;
      } else {
        i++; // a lone '$' is kept
      }
    }
    text(text, Math.min(i, to));
  }

  /** Inside {@code ${…}}: raw[from, close). */
  private void braced(int from, int close) {
    int e = from;
    while (e < close && isNamePart(raw.charAt(e))) {
      e++;
    }
    String name = raw.substring(from, e);
    if (name.isEmpty() || !isNameStart(name.charAt(0))) {
      error = "invalid interpolation format: '${" + raw.substring(from, close) + "}'";
      return;
    }
    String v = env.get(name);
    if (e == close) {
      substitute(name, v, v == null ? Variables.Source.UNSET : Variables.Source.ENV_FILE);
      return;
    }
    boolean colon = raw.charAt(e) == ':';
    int opAt = colon ? e + 1 : e;
    char op = opAt < close ? raw.charAt(opAt) : 0;
    int body = opAt + 1;
    if (op != '-' && op != '?' && op != '+') {
      error = "invalid interpolation format: '${" + raw.substring(from, close) + "}'";
      return;
    }
    boolean missing = v == null || (colon && v.isEmpty());
    switch (op) {
      case '-' -> {
        if (missing) {
          used.putIfAbsent(name, Variables.Source.DEFAULT);
          expand(body, close);
        } else {
          substitute(name, v, Variables.Source.ENV_FILE);
        }
      }
      case '?' -> {
        if (missing) {
          used.putIfAbsent(name, Variables.Source.UNSET);
          error = "required variable " + name + " is missing a value" + (body < close ? ": " + raw.substring(body, close) : "");
        } else {
          substitute(name, v, Variables.Source.ENV_FILE);
        }
      }
      default -> {
        used.putIfAbsent(name, missing ? Variables.Source.UNSET : Variables.Source.ENV_FILE);
        if (!missing) {
          expand(body, close);
        }
      }
    }
  }

  private void substitute(String name, @Nullable String v, Variables.Source source) {
    used.putIfAbsent(name, source);
    if (v != null && !v.isEmpty()) {
      add(v.length(), Origin.ENVIRONMENT, -1);
      value.append(v);
    }
  }

  private void text(int from, int to) {
    if (to > from) {
      add(to - from, Origin.TEXT, from);
      value.append(raw, from, to);
    }
  }

  private void add(int length, Origin origin, int rawStart) {
    int start = value.length();
    Piece last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
    if (last != null && origin == Origin.TEXT && last.origin() == Origin.TEXT && last.end() == start
        && last.rawStart() + (last.end() - last.start()) == rawStart) {
      pieces.set(pieces.size() - 1, new Piece(last.start(), start + length, origin, last.rawStart()));
    } else {
      pieces.add(new Piece(start, start + length, origin, rawStart));
    }
  }

  /** The index of the brace closing a {@code ${} whose body starts at {@code from}, nested ones skipped; -1 if none. */
  private int closing(int from, int to) {
    int depth = 0;
    for (int i = from; i < to; i++) {
      char c = raw.charAt(i);
      if (c == '$' && i + 1 < to && raw.charAt(i + 1) == '{') {
        depth++;
        i++;
      } else if (c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    return -1;
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }
}
