package io.drydock.model;

import java.util.Objects;

/**
 * A failure with a kind (which decides the exit code) and a one-line message that says what was tried and
 * why it failed: "Tried to pull manifest X but failed because: …". The CLI prints the message, never the
 * stack trace, for every kind but {@link ErrorKind#INTERNAL}.
 */
public class DrydockException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorKind kind;

  public DrydockException(ErrorKind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind);
  }

  public DrydockException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind);
  }

  public ErrorKind kind() {
    return kind;
  }

  public static DrydockException invalidInput(String message) {
    return new DrydockException(ErrorKind.INVALID_INPUT, message);
  }

  public static DrydockException notFound(String message) {
    return new DrydockException(ErrorKind.NOT_FOUND, message);
  }

  public static DrydockException usage(String message) {
    return new DrydockException(ErrorKind.USAGE, message);
  }
}
