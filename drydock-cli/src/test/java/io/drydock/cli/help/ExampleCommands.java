package io.drydock.cli.help;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The command lines ({@code drydock …}) written in a text (help Examples, CI files, docs), and whether each one
 * parses against the real command tree: an example that names a flag or subcommand that does not exist fails.
 */
public final class ExampleCommands {
  private ExampleCommands() {}

  /** Each invocation of {@code command} in the text, continuation lines ({@code \}) joined, split as a shell would. */
  public static List<List<String>> in(String text, String command) {
    List<List<String>> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      StringBuilder line = new StringBuilder(lines[i].strip());
      while (line.toString().endsWith("\\") && i + 1 < lines.length) {
        line.setLength(line.length() - 1);
        line.append(' ').append(lines[++i].strip());
      }
      List<String> words = words(line.toString());
      int at = words.indexOf(command);
      // the command as the first word,: or after "$ ", "- ", "run:" and VAR=value assignments
      boolean invoked = at >= 0 && words.subList(0, at).stream()
          .allMatch(w -> w.equals("$") || w.equals("-") || w.equals("run:") || w.matches("[A-Z_][A-Z0-9_]*=.*"));
      if (invoked) {
        List<String> args = new ArrayList<>();
        for (String w : words.subList(at + 1, words.size())) {
          if (w.equals("|") || w.equals("&&") || w.equals(";") || w.equals(">") || w.equals("||")) {
            break;
          }
          args.add(w);
        }
        out.add(args);
      }
    }
    return out;
  }

  /** One line per example that picocli refuses: the example and picocli's reason. */
  public static List<String> problems(Supplier<CommandLine> root, String text, String where) {
    List<String> out = new ArrayList<>();
    String command = root.get().getCommandName();
    for (List<String> args : in(text, command)) {
      try {
        root.get().parseArgs(args.toArray(String[]::new));
      } catch (CommandLine.ParameterException e) {
        out.add(where + ": '" + command + " " + String.join(" ", args) + "': " + e.getMessage());
      }
    }
    return out;
  }

  /** Words as a POSIX shell splits them (quotes, backslash escapes; no expansion). */
  static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder w = null;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < s.length()) {
          w.append(s.charAt(++i));
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        w = w == null ? new StringBuilder() : w;
      } else if (Character.isWhitespace(c)) {
        if (w != null) {
          out.add(w.toString());
          w = null;
        }
      } else if (c == '#' && w == null) {
        break;
      } else {
        w = w == null ? new StringBuilder() : w;
        if (c == '\\' && i + 1 < s.length()) {
          c = s.charAt(++i);
        }
        w.append(c);
      }
    }
    if (w != null) {
      out.add(w.toString());
    }
    return out;
  }
}
