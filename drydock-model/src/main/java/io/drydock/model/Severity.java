package io.drydock.model;

import java.util.Locale;

/** Vulnerability severity, ordered from least to most severe. */
public enum Severity {
  UNKNOWN,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** Parses a severity name case-insensitively; {@code moderate} and {@code important} map as distros use them. */
  public static Severity parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "MODERATE" -> MEDIUM;
      case "IMPORTANT" -> HIGH;
      case "NEGLIGIBLE", "UNIMPORTANT", "MINOR" -> LOW;
      case "NONE", "" -> UNKNOWN;
      default -> {
        try {
          yield valueOf(t);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("unknown severity '" + text + "' (UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL)", e);
        }
      }
    };
  }

  /** CVSS v3/v4 qualitative rating of a base score. */
  public static Severity ofCvssScore(double score) {
    if (score >= 9.0) {
      return CRITICAL;
    } else if (score >= 7.0) {
      return HIGH;
    } else if (score >= 4.0) {
      return MEDIUM;
    } else if (score > 0.0) {
      return LOW;
    }
    return UNKNOWN;
  }
}
