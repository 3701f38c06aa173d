package io.drydock.refs.lint;

import java.nio.file.Path;

/**
 * One rule broken at one place; line and column are 1-based.
 *
 * @param level the rule's level, or lower where the user said so ({@code --skip-unreadable})
 */
public record LintFinding(Rule rule, Path file, int line, int column, String message, Rule.Level level) {
  public LintFinding(Rule rule, Path file, int line, int column, String message) {
    this(rule, file, line, column, message, rule.level());
  }

  /** Whether it fails {@code --exit-code}: errors and warnings do, notes do not. */
  public boolean fails() {
    return level != Rule.Level.NOTE;
  }
}
