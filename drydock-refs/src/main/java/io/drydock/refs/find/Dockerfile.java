package io.drydock.refs.find;

import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read into instructions (continuation lines joined, comments and heredoc bodies set aside), for the
 * lint rules.
 *
 * @param instructions every instruction in order
 */
public record Dockerfile(List<Instruction> instructions) {
  public Dockerfile {
    instructions = List.copyOf(instructions);
  }

  /**
   * One instruction.
   *
   * @param keyword upper case ({@code FROM}, {@code RUN})
   * @param args the rest of the logical line, continuation lines joined with nothing between them
   * @param heredocs the bodies of its heredocs, if any
   * @param line 1-based line where it starts
   * @param column 1-based column of the keyword
   */
  public record Instruction(String keyword, String args, List<String> heredocs, int line, int column) {
    public Instruction {
      keyword = keyword.toUpperCase(Locale.ROOT);
      heredocs = List.copyOf(heredocs);
    }

    /** The arguments and heredoc bodies, for rules that look at what a RUN executes. */
    public String script() {
      return heredocs.isEmpty() ? args : args + "\n" + String.join("\n", heredocs);
    }
  }

  /** The instructions of each stage (each starts with its FROM); empty when there is no FROM. */
  public List<List<Instruction>> stages() {
    java.util.ArrayList<List<Instruction>> stages = new java.util.ArrayList<>();
    java.util.ArrayList<Instruction> current = null;
    for (Instruction i : instructions) {
      if (i.keyword().equals("FROM")) {
        current = new java.util.ArrayList<>();
        stages.add(current);
      }
      if (current != null) {
        current.add(i);
      }
    }
    return stages.stream().map(List::copyOf).toList();
  }
}
