package io.drydock.policy.exception;

import java.util.Locale;

/** OpenVEX justifications for {@code not_affected}. */
public enum VexJustification {
  COMPONENT_NOT_PRESENT,
  VULNERABLE_CODE_NOT_PRESENT,
  VULNERABLE_CODE_NOT_IN_EXECUTE_PATH,
  VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY,
  INLINE_MITIGATIONS_ALREADY_EXIST;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static VexJustification parse(String text) {
    for (VexJustification j : values()) {
      if (j.wire().equals(text)) {
        return j;
      }
    }
    throw new IllegalArgumentException("justification '" + text + "' is not an OpenVEX justification (component_not_present, "
        + "vulnerable_code_not_present, vulnerable_code_not_in_execute_path, vulnerable_code_cannot_be_controlled_by_adversary, "
        + "inline_mitigations_already_exist)");
  }
}
