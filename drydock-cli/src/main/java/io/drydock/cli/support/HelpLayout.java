package io.drydock.cli.support;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Description text is written in the source as lines of any width; picocli wraps each line on its own at 80
 * columns, which breaks a sentence written over two source lines in the middle. This joins the lines of a
 * paragraph, so picocli wraps whole paragraphs. Blank lines, lines after a colon and indented or bulleted lines
 * (examples, lists) start anew.
 */
public final class HelpLayout {
  private HelpLayout() {}

  public static void reflow(CommandLine cl) {
    UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
    usage.description(paragraphs(usage.description()));
    if (usage.header().length == 1) {
      usage.header(usage.header()[0], ""); // a blank line between the summary and the synopsis
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      reflow(sub);
    }
  }

  static String[] paragraphs(String[] lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      int last = out.size() - 1;
      if (last >= 0 && continues(out.get(last), line)) {
        out.set(last, out.get(last).stripTrailing() + " " + line.strip());
      } else {
        out.add(line);
      }
    }
    return out.toArray(String[]::new);
  }

  private static boolean continues(String previous, String line) {
    String p = previous.strip();
    return !p.isEmpty() && !p.endsWith(":") && !p.endsWith("%n") && !line.isBlank()
        && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("-") && !line.startsWith("*");
  }
}
