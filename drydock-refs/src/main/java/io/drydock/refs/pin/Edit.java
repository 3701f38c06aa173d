package io.drydock.refs.pin;

/** Replace chars [start, end) of a text with {@code replacement}. */
public record Edit(int start, int end, String replacement) {
  public Edit {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad edit range " + start + ".." + end);
    }
  }
}
