package io.drydock.scan.db;

import io.drydock.model.Finding;
import io.drydock.model.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import us.springett.cvss.Cvss;
import us.springett.cvss.CvssV2;
import us.springett.cvss.CvssV3;
import us.springett.cvss.CvssV3_1;
import us.springett.cvss.CvssV4;

/**
 * Scores CVSS vectors with us.springett:cvss-calculator (v2, v3.0, v3.1 and v4.0) and turns a score into a
 * severity (pure). v3 and v4 use their qualitative rating scale; v2 uses NVD's (0–3.9 LOW, 4–6.9 MEDIUM, 7–10
 * HIGH; v2 has no CRITICAL). A vector that does not parse, repeats a metric or scores 0.0 gives nothing.
 */
final class CvssScoring {
  static final int MAX_VECTOR_LENGTH = 512;

  private CvssScoring() {}

  /** The score of one vector ({@code CVSS:3.1/…}, {@code CVSS:4.0/…}, {@code AV:N/AC:L/Au:N/…} for v2). */
  static Optional<Finding.Cvss> score(String vector) {
    String v = vector.strip();
    if (v.isEmpty() || v.length() > MAX_VECTOR_LENGTH) {
      return Optional.empty();
    }
    if (v.startsWith("CVSS:2.0/")) {
      v = v.substring("CVSS:2.0/".length());
    }
    if (v.startsWith("(") && v.endsWith(")")) {
      v = v.substring(1, v.length() - 1);
    }
    if (!uniqueMetrics(v)) {
      return Optional.empty();
    }
    Cvss cvss;
    try {
      cvss = Cvss.fromVector(v);
    } catch (RuntimeException e) { // MalformedVectorException and the library's other parse failures
      return Optional.empty();
    }
    if (cvss == null) {
      return Optional.empty();
    }
    String version;
    if (cvss instanceof CvssV4) {
      version = "4.0";
    } else if (cvss instanceof CvssV3_1) {
      version = "3.1";
    } else if (cvss instanceof CvssV3) {
      version = "3.0";
    } else if (cvss instanceof CvssV2) {
      version = "2.0";
    } else {
      return Optional.empty();
    }
    double score;
    try {
      score = cvss.calculateScore().getBaseScore();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (!(score > 0.0) || score > 10.0) {
      return Optional.empty();
    }
    return Optional.of(new Finding.Cvss(version, vector.strip(), Math.round(score * 10) / 10.0));
  }

  /**
   * The vector the severity is taken from: v3.1, then v3.0, then v4.0, then v2 (v3.x first because it is what NVD,
   * GitHub and the distributions rate by and what other scanners show; v4 where it is the only one).
   */
  static Optional<Finding.Cvss> best(List<String> vectors) {
    Finding.Cvss best = null;
    for (String v : vectors) {
      Optional<Finding.Cvss> s = score(v);
      if (s.isPresent() && (best == null || rank(s.get().version()) > rank(best.version())
          || (rank(s.get().version()) == rank(best.version()) && s.get().score() > best.score()))) {
        best = s.get();
      }
    }
    return Optional.ofNullable(best);
  }

  static Severity severity(Finding.Cvss cvss) {
    if (cvss.version().equals("2.0")) {
      double s = cvss.score();
      return s >= 7.0 ? Severity.HIGH : s >= 4.0 ? Severity.MEDIUM : s > 0.0 ? Severity.LOW : Severity.UNKNOWN;
    }
    return Severity.ofCvssScore(cvss.score());
  }

  private static int rank(String version) {
    return switch (version) {
      case "3.1" -> 4;
      case "3.0" -> 3;
      case "4.0" -> 2;
      default -> 1;
    };
  }

  private static boolean uniqueMetrics(String v) {
    Set<String> seen = new HashSet<>();
    for (String part : v.split("/")) {
      int colon = part.indexOf(':');
      String key = (colon < 0 ? part : part.substring(0, colon)).toUpperCase(Locale.ROOT);
      if (!seen.add(key)) {
        return false;
      }
    }
    return true;
  }
}
