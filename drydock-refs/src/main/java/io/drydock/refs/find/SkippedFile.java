package io.drydock.refs.find;

import java.nio.file.Path;

/**
 * A file met while walking a directory that looked like one the finder reads but was not read.
 *
 * @param file the file
 * @param reason why, as a category
 * @param detail the one-line explanation (with file:line:column when a parser gave one)
 */
public record SkippedFile(Path file, Reason reason, String detail) {

  /** Why a file was skipped. */
  public enum Reason {
    NOT_UTF8("not UTF-8"),
    TOO_LARGE("over the size limit"),
    DOES_NOT_PARSE("does not parse"),
    UNREADABLE("cannot be read"),
    TEMPLATE("template");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** True unless the file was skipped on purpose (a template): such a file may hide references. */
  public boolean unreadable() {
    return reason != Reason.TEMPLATE;
  }
}
