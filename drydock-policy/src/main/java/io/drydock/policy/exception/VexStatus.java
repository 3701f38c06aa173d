package io.drydock.policy.exception;

import java.util.Locale;

/** OpenVEX statuses (https://github.com/openvex/spec). Only {@code not_affected} and {@code fixed} suppress. */
public enum VexStatus {
  NOT_AFFECTED, AFFECTED, FIXED, UNDER_INVESTIGATION;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean suppresses() {
    return this == NOT_AFFECTED || this == FIXED;
  }

  public static VexStatus parse(String text) {
    for (VexStatus s : values()) {
      if (s.wire().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("status '" + text + "' is not an OpenVEX status (not_affected, affected, fixed, under_investigation)");
  }
}
