package io.drydock.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One vulnerability of one installed package. A vulnerability known under several ids (a GHSA and its CVE, a
 * PYSEC and its GHSA) is one finding: {@code id} is the primary id and {@code aliases} the others.
 *
 * @param ecosystem the OSV ecosystem the package was matched in ({@code Alpine:v3.20}, {@code Maven})
 * @param advisoryIds the ids of the records the finding was derived from (one or more, merged by alias)
 * @param cvss the CVSS vector and score the severity was computed from, or null when it came from elsewhere
 * @param status whether and how the vulnerability is fixed for this package
 * @param fixedVersions versions that fix it, lowest first; empty when no fix is known
 * @param dataSource where the advisory came from ({@code osv}, {@code alpine-secdb}, {@code debian-tracker})
 */
public record Finding(
    Package pkg,
    String ecosystem,
    String id,
    List<String> aliases,
    List<String> advisoryIds,
    Severity severity,
    @Nullable Cvss cvss,
    Status status,
    List<String> fixedVersions,
    @Nullable String summary,
    String dataSource) {

  public Finding {
    Objects.requireNonNull(pkg, "pkg");
    if (id.isBlank()) {
      throw new IllegalArgumentException("finding id is blank");
    }
    aliases = List.copyOf(aliases);
    advisoryIds = List.copyOf(advisoryIds);
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(status, "status");
    fixedVersions = List.copyOf(fixedVersions);
    Objects.requireNonNull(dataSource, "dataSource");
  }

  /** True when at least one fixed version is known. */
  public boolean isFixable() {
    return !fixedVersions.isEmpty();
  }

  /** The state of a fix, with Trivy's meanings. */
  public enum Status {
    /** A fixed version exists. */
    FIXED,
    /** Affected and no fix is known yet. */
    AFFECTED,
    /** The distribution decided not to fix it (Debian {@code ignored}, Red Hat {@code will not fix}). */
    WILL_NOT_FIX,
    /** A fix is postponed (Debian {@code postponed}, Red Hat {@code fix deferred}). */
    FIX_DEFERRED,
    /** The package or release is out of support; no fix will come. */
    END_OF_LIFE,
    UNKNOWN
  }

  /**
   * A CVSS assessment.
   *
   * @param version {@code 2.0}, {@code 3.0}, {@code 3.1} or {@code 4.0}
   * @param vector as written ({@code CVSS:3.1/AV:N/AC:L/…})
   * @param score base score 0.0–10.0
   */
  public record Cvss(String version, String vector, double score) {
    public Cvss {
      if (score < 0.0 || score > 10.0) {
        throw new IllegalArgumentException("CVSS score out of range: " + score);
      }
    }
  }
}
