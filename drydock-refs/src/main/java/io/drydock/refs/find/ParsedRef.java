package io.drydock.refs.find;

import io.drydock.model.ImageRef;
import org.jspecify.annotations.Nullable;

/** A reference's text parsed: the image, or why it is not one. */
record ParsedRef(@Nullable ImageRef image, @Nullable String problem) {
  static ParsedRef of(String text) {
    try {
      return new ParsedRef(ImageRef.parse(text), null);
    } catch (IllegalArgumentException e) {
      return new ParsedRef(null, e.getMessage());
    }
  }
}
