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
 * @param fixedVersions versions that fix it, lowest first; empty when no fix is known
 */
public record Finding(
    Package pkg,
    String ecosystem,
    String id,
    List<String> aliases,
    List<String> advisoryIds,
    Severity severity,
    List<String> fixedVersions,
    @Nullable String summary) {

  public Finding {
    Objects.requireNonNull(pkg, "pkg");
    if (id.isBlank()) {
      throw new IllegalArgumentException("finding id is blank");
    }
    aliases = List.copyOf(aliases);
    advisoryIds = List.copyOf(advisoryIds);
    Objects.requireNonNull(severity, "severity");
    fixedVersions = List.copyOf(fixedVersions);
  }

  /** True when at least one fixed version is known. */
  public boolean isFixable() {
    return !fixedVersions.isEmpty();
  }
}
