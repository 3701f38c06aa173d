package io.drydock.policy.file;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import org.jspecify.annotations.Nullable;

/** A policy file that cannot be used: {@code file:line:col: rule ID: what is wrong}. Exit code 3. */
public final class PolicyFileException extends DrydockException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final @Nullable String rule;

  PolicyFileException(String file, int line, int column, @Nullable String rule, String message) {
    super(ErrorKind.INVALID_INPUT, file + ":" + line + ":" + column + ": " + (rule == null ? "" : "rule " + rule + ": ") + message);
    this.line = line;
    this.column = column;
    this.rule = rule;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public @Nullable String rule() {
    return rule;
  }
}
