package io.drydock.image.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What a registry asks for in {@code WWW-Authenticate}. Pure parsing (RFC 7235 challenges). */
sealed interface AuthChallenge {

  /** {@code Bearer realm="…",service="…",scope="…"}: get a token from {@code realm}. */
  record Bearer(String realm, @Nullable String service, @Nullable String scope) implements AuthChallenge {
    public Bearer {
      if (realm.isBlank()) {
        throw new IllegalArgumentException("Bearer challenge without realm");
      }
    }
  }

  /** {@code Basic realm="…"}: send the user name and password with every request. */
  record Basic(@Nullable String realm) implements AuthChallenge {}

  /** A scheme drydock does not speak (Negotiate, Digest …). */
  record Unsupported(String scheme) implements AuthChallenge {}

  /**
   * Picks the challenge to answer among all {@code WWW-Authenticate} values: Bearer over Basic over anything
   * else. Empty when there is none or none is well-formed.
   */
  static Optional<AuthChallenge> best(List<String> headerValues) {
    List<AuthChallenge> all = new ArrayList<>();
    for (String value : headerValues) {
      all.addAll(parseAll(value));
    }
    return all.stream().filter(c -> c instanceof Bearer).findFirst()
        .or(() -> all.stream().filter(c -> c instanceof Basic).findFirst())
        .or(() -> all.stream().findFirst());
  }

  /** Parses one header value, which may hold several comma-separated challenges. Malformed ones are dropped. */
  static List<AuthChallenge> parseAll(String header) {
    List<AuthChallenge> result = new ArrayList<>();
    Parser p = new Parser(header);
    while (true) {
      int start = p.pos;
      p.skipSeparators();
      String scheme = p.token();
      if (scheme.isEmpty()) {
        break;
      }
      Map<String, String> params = new LinkedHashMap<>();
      while (true) {
        int mark = p.pos;
        p.skipSeparators();
        String key = p.token();
        p.skipSpaces();
        if (key.isEmpty() || !p.consume('=')) {
          p.pos = mark; // not a parameter: the next challenge starts here
          break;
        }
        p.skipSpaces();
        String value = p.peek() == '"' ? p.quoted() : p.token68();
        params.putIfAbsent(key.toLowerCase(Locale.ROOT), value);
      }
      toChallenge(scheme, params).ifPresent(result::add);
      if (p.pos == start) {
        break;
      }
    }
    return result;
  }

  private static Optional<AuthChallenge> toChallenge(String scheme, Map<String, String> params) {
    switch (scheme.toLowerCase(Locale.ROOT)) {
      case "bearer": {
        String realm = params.get("realm");
        if (realm == null || realm.isBlank()) {
          return Optional.empty();
        }
        return Optional.of(new Bearer(realm, blankToNull(params.get("service")), blankToNull(params.get("scope"))));
      }
      case "basic":
        return Optional.of(new Basic(params.get("realm")));
      default:
        return Optional.of(new Unsupported(scheme));
    }
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** A tiny cursor over the header text. */
  final class Parser {
    private final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    char peek() {
      return pos < s.length() ? s.charAt(pos) : '\0';
    }

    boolean consume(char c) {
      if (peek() == c) {
        pos++;
        return true;
      }
      return false;
    }

    void skipSpaces() {
      while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
        pos++;
      }
    }

    void skipSeparators() {
      while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == ',')) {
        pos++;
      }
    }

    String token() {
      int start = pos;
      while (pos < s.length() && isTokenChar(s.charAt(pos))) {
        pos++;
      }
      return s.substring(start, pos);
    }

    String token68() {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
        pos++;
      }
      return s.substring(start, pos);
    }

    String quoted() {
      StringBuilder out = new StringBuilder();
      pos++; // opening quote
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '\\' && pos < s.length()) {
          out.append(s.charAt(pos++));
        } else if (c == '"') {
          return out.toString();
        } else {
          out.append(c);
        }
      }
      return out.toString(); // unterminated: take what is there
    }

    private static boolean isTokenChar(char c) {
      return c > ' ' && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
  }
}
