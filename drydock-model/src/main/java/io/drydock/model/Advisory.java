package io.drydock.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One vulnerability record in the shape of the OSV schema (https://ossf.github.io/osv-schema/), reduced to what
 * matching and reporting need. Distro feeds that are not OSV (Alpine secdb) are converted into this shape.
 *
 * @param id the record id ({@code GHSA-…}, {@code PYSEC-…}, {@code CVE-…}, {@code ALPINE-CVE-…})
 * @param aliases other ids of the same vulnerability ({@code CVE-…}); the matcher merges records that share one
 * @param withdrawn when the record was withdrawn, or null; withdrawn records are kept but never matched
 * @param severity the severity resolved at import time ({@code UNKNOWN} when the record has none we can read)
 * @param cvssVectors the record's CVSS vectors as written ({@code CVSS:3.1/AV:N/…}), for later scoring
 * @param cvss the scored vector {@code severity} was computed from (the record's own, or an alias record's), or
 *     null when the severity came from elsewhere
 * @param dataSource where the record came from: {@code osv}, {@code alpine-secdb}, {@code debian-tracker}
 */
public record Advisory(
    String id,
    List<String> aliases,
    @Nullable String summary,
    @Nullable Instant modified,
    @Nullable Instant published,
    @Nullable Instant withdrawn,
    Severity severity,
    List<String> cvssVectors,
    List<Affected> affected,
    Finding.@Nullable Cvss cvss,
    String dataSource) {

  public Advisory {
    if (id.isBlank()) {
      throw new IllegalArgumentException("advisory id is blank");
    }
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(severity, "severity");
    cvssVectors = List.copyOf(cvssVectors);
    affected = List.copyOf(affected);
    Objects.requireNonNull(dataSource, "dataSource");
  }

  /** An OSV record without a scored CVSS vector. */
  public Advisory(
      String id,
      List<String> aliases,
      @Nullable String summary,
      @Nullable Instant modified,
      @Nullable Instant published,
      @Nullable Instant withdrawn,
      Severity severity,
      List<String> cvssVectors,
      List<Affected> affected) {
    this(id, aliases, summary, modified, published, withdrawn, severity, cvssVectors, affected, null, "osv");
  }

  public Advisory withSeverity(Severity newSeverity, Finding.@Nullable Cvss newCvss) {
    return new Advisory(id, aliases, summary, modified, published, withdrawn, newSeverity, cvssVectors, affected, newCvss, dataSource);
  }

  public boolean isWithdrawn() {
    return withdrawn != null;
  }

  /**
   * One affected package of a record.
   *
   * @param ecosystem as OSV writes it: {@code Debian:12}, {@code Alpine:v3.20}, {@code Maven}, {@code npm},
   *     {@code PyPI}, {@code Go}
   * @param name the package name in that ecosystem (source package for Debian and Alpine; {@code group:artifact}
   *     for Maven)
   * @param versions explicitly listed affected versions (OSV {@code affected[].versions})
   * @param severity the distribution's own rating for this package and release (Debian urgency,
   *     {@code ecosystem_specific.severity}), used when the record has no severity of its own; null if none
   * @param status the distribution's decision when it is not "fixed in a version" ({@code WILL_NOT_FIX},
   *     {@code FIX_DEFERRED}, {@code END_OF_LIFE}); null when the ranges say it all
   */
  public record Affected(
      String ecosystem, String name, List<Range> ranges, List<String> versions, @Nullable Severity severity,
      Finding.@Nullable Status status) {
    public Affected {
      if (ecosystem.isBlank() || name.isBlank()) {
        throw new IllegalArgumentException("affected package needs an ecosystem and a name");
      }
      ranges = List.copyOf(ranges);
      versions = List.copyOf(versions);
    }

    public Affected(String ecosystem, String name, List<Range> ranges, List<String> versions) {
      this(ecosystem, name, ranges, versions, null, null);
    }
  }

  /** An OSV range: its type and its events in the order the record lists them. */
  public record Range(RangeType type, List<Event> events) {
    public Range {
      Objects.requireNonNull(type, "type");
      events = List.copyOf(events);
    }
  }

  /** OSV range types. {@code GIT} ranges are kept but not evaluated against package versions. */
  public enum RangeType {
    ECOSYSTEM,
    SEMVER,
    GIT
  }

  /** OSV range events. */
  public sealed interface Event permits Introduced, Fixed, LastAffected, Limit {
    String version();
  }

  /** {@code introduced}; {@code "0"} means from the beginning. */
  public record Introduced(String version) implements Event {
    public Introduced {
      requireVersion(version);
    }
  }

  public record Fixed(String version) implements Event {
    public Fixed {
      requireVersion(version);
    }
  }

  public record LastAffected(String version) implements Event {
    public LastAffected {
      requireVersion(version);
    }
  }

  /** {@code limit}; {@code "*"} means no limit. */
  public record Limit(String version) implements Event {
    public Limit {
      requireVersion(version);
    }
  }

  private static void requireVersion(String version) {
    if (version.isBlank()) {
      throw new IllegalArgumentException("range event version is blank");
    }
  }
}
