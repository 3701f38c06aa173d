package io.drydock.cli.help;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Walks a picocli command tree and lists what is wrong with its help: a summary (the line the parent's command list
 * shows: the header, else the first description line) that is missing, cut mid-sentence, more than one sentence, or
 * wider than the terminal in that list; a command without an Examples section or without exit codes.
 */
public final class HelpChecker {
  /** The width picocli wraps the usage message at by default, and the narrowest terminal we write for. */
  public static final int COLUMNS = 80;

  private HelpChecker() {}

  /** The problems of the tree {@code root} makes; a fresh tree from it parses each example. */
  public static List<String> problems(Supplier<CommandLine> root) {
    List<String> out = new ArrayList<>();
    check(root.get(), root, out);
    return out;
  }

  private static void check(CommandLine cl, Supplier<CommandLine> root, List<String> out) {
    CommandSpec spec = cl.getCommandSpec();
    String name = spec.qualifiedName();
    if (!isBuiltInHelp(spec)) {
      String summary = summary(spec);
      if (summary.isBlank()) {
        out.add(name + ": no summary (set header or the first description line)");
      } else {
        if (!endsSentence(summary)) {
          out.add(name + ": summary is cut mid-sentence: '" + summary + "'");
        } else if (sentences(summary) > 1) {
          out.add(name + ": summary is more than one sentence: '" + summary + "'");
        }
        if (cl.getParent() != null) {
          int width = 2 + nameColumn(cl.getParent()) + 2 + summary.length();
          if (width > COLUMNS) {
            out.add(name + ": summary is " + width + " columns wide in '" + cl.getParent().getCommandSpec()
                .qualifiedName() + " --help', more than " + COLUMNS + ": '" + summary + "'");
          }
        }
      }
      if (runs(spec)) {
        String usage = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (String line : spec.usageMessage().footer()) {
          if (line.length() > COLUMNS) {
            out.add(name + ": footer line wider than " + COLUMNS + " columns (picocli wraps it): '" + line + "'");
          }
        }
        int examples = usage.indexOf("Examples:");
        if (examples < 0) {
          out.add(name + ": no Examples section");
        } else {
          String section = usage.substring(examples);
          if (ExampleCommands.in(section, root.get().getCommandName()).isEmpty()) {
            out.add(name + ": the Examples section shows no command");
          }
          out.addAll(ExampleCommands.problems(root, section, name + " --help"));
        }
        if (spec.usageMessage().exitCodeList().isEmpty()) {
          out.add(name + ": no Exit codes section");
        }
      }
    }
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      CommandLine sub = e.getValue();
      if (e.getKey().equals(sub.getCommandName()) && !sub.getCommandSpec().usageMessage().hidden()) {
        check(sub, root, out);
      }
    }
  }

  /** The line a parent's command list shows for a command, as picocli chooses it. */
  static String summary(CommandSpec spec) {
    String[] header = spec.usageMessage().header();
    String[] description = spec.usageMessage().description();
    String first = header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
    return first.replace("%n", " ").strip();
  }

  private static boolean endsSentence(String s) {
    return s.endsWith(".") || s.endsWith("!") || s.endsWith("?") || s.endsWith(".)");
  }

  /** Sentence ends followed by a capital: "Does this. Then that." is two; "e.g. x" and "1.4" are none. */
  private static int sentences(String s) {
    int n = 1;
    for (int i = 0; i + 2 < s.length(); i++) {
      if ((s.charAt(i) == '.' || s.charAt(i) == '!' || s.charAt(i) == '?') && s.charAt(i + 1) == ' '
          && Character.isUpperCase(s.charAt(i + 2)) && !s.startsWith("e.g", Math.max(0, i - 3))
          && !s.startsWith("i.e", Math.max(0, i - 3))) {
        n++;
      }
    }
    return n;
  }

  /** Width of the command-name column in a parent's command list: its longest "name, alias". */
  private static int nameColumn(CommandLine parent) {
    int w = 0;
    for (CommandLine sub : new java.util.LinkedHashSet<>(parent.getSubcommands().values())) {
      CommandSpec s = sub.getCommandSpec();
      if (s.usageMessage().hidden()) {
        continue;
      }
      int len = s.name().length();
      for (String alias : s.aliases()) {
        len += 2 + alias.length();
      }
      w = Math.max(w, len);
    }
    return w;
  }

  /** Whether the command does something itself (a group that only holds subcommands needs no examples). */
  private static boolean runs(CommandSpec spec) {
    Object o = spec.userObject();
    return o instanceof Runnable || o instanceof java.util.concurrent.Callable<?>;
  }

  private static boolean isBuiltInHelp(CommandSpec spec) {
    return spec.userObject() instanceof CommandLine.HelpCommand;
  }
}
