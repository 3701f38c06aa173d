package io.drydock.refs.find;

import io.drydock.model.DrydockException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Compose environment file ({@code .env}, {@code --env-file}) as compose-go's dotenv reads it: {@code KEY=VALUE}
 * lines, optional {@code export }, {@code #} comments (inline ones after a space in unquoted values), single-quoted
 * values taken literally, double-quoted values with {@code \n}-style escapes and, like unquoted ones, {@code ${VAR}}
 * of keys defined earlier. A line that is not an assignment is an error (file:line). Pure.
 */
final class DotEnv {
  private static final Pattern LINE = Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*(?:=\\s*(.*))?");

  private DotEnv() {}

  static Map<String, String> parse(Path file, String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      if (n == 0 && line.startsWith("\ufeff")) {
        line = line.substring(1);
      }
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw DrydockException.invalidInput("Tried to read environment file " + file + " but failed because: " + file
            + ":" + (n + 1) + ": not a KEY=VALUE line");
      }
      String key = m.group(1);
      String rest = m.group(2);
      if (rest == null) {
        continue; // "KEY" alone takes the value from the shell, which drydock does not read
      }
      String value;
      if (rest.startsWith("'") || rest.startsWith("\"")) {
        char q = rest.charAt(0);
        StringBuilder b = new StringBuilder(rest.substring(1));
        int end = closingQuote(b, q);
        // a quoted value may go on over several lines
        while (end < 0 && n + 1 < lines.length) {
          b.append('\n').append(lines[++n]);
          end = closingQuote(b, q);
        }
        if (end < 0) {
          throw DrydockException.invalidInput("Tried to read environment file " + file + " but failed because: "
              + file + ":" + (n + 1) + ": unterminated quoted value of " + key);
        }
        String inner = b.substring(0, end);
        value = q == '\'' ? inner : Interpolation.of(unescape(inner), out).value();
      } else {
        int hash = rest.indexOf(" #");
        String bare = (hash >= 0 ? rest.substring(0, hash) : rest).strip();
        value = Interpolation.of(bare, out).value();
      }
      out.put(key, value);
    }
    return out;
  }

  private static int closingQuote(CharSequence s, char q) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && q == '"') {
        i++;
      } else if (c == q) {
        return i;
      }
    }
    return -1;
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(switch (n) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> n;
        });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
