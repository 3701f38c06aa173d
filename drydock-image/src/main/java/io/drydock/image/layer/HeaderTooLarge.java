package io.drydock.image.layer;

import java.io.IOException;

/** Thrown by the guard; translated by the walk. */
final class HeaderTooLarge extends IOException {
  private static final long serialVersionUID = 1L;

  HeaderTooLarge(String message) {
    super(message);
  }
}
