package io.drydock.scan;

import io.drydock.model.Advisory;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.Finding;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Sbom;
import io.drydock.model.Skip;
import io.drydock.model.event.EventSink;
import io.drydock.scan.db.VulnDb;
import io.drydock.scan.match.Ecosystems;
import io.drydock.scan.match.MatchResult;
import io.drydock.scan.match.Matcher;
import io.drydock.scan.match.PackageNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * SBOM + vulnerability DB → findings. For each package: its OSV ecosystem from its type and the SBOM's OS
 * ({@link Ecosystems#of}); the name and version the ecosystem's advisories are keyed by ({@link #matchKey}: the
 * source package for Debian, Ubuntu, Alpine, Wolfi, Chainguard and Photon, the binary package for the rpm
 * distributions, the package itself for language ecosystems); then {@link Matcher}. The result has one finding per
 * (package, vulnerability), sorted by package name, version, location and vulnerability id, and every package that
 * could not be matched as a counted {@link Skip}.
 */
public final class Scanner {

  /**
   * A scan warns when the DB is older than this: two days, i.e. a daily {@code drydock db update} plus a day of
   * slack. (Trivy refreshes its DB when it is older than a day; OSV exports change many times a day.)
   */
  public static final Duration DEFAULT_DB_WARN_AGE = Duration.ofDays(2);

  /** Where advisories come from: {@link VulnDb#advisories} or, in tests, a list. */
  @FunctionalInterface
  public interface AdvisoryLookup {
    List<Advisory> advisories(String ecosystem, String name);
  }

  /** What a scan found and what it could not decide. */
  public record Result(List<Finding> findings, List<Skip> skips) {
    public Result {
      findings = List.copyOf(findings);
      skips = List.copyOf(skips);
    }
  }

  /** The (ecosystem, name, version) a package's advisories are keyed by. */
  public record MatchKey(String ecosystem, String name, String version) {}

  private static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> f.pkg().name())
          .thenComparing(f -> f.pkg().version())
          .thenComparing(f -> f.pkg().location())
          .thenComparing(Finding::id);

  private final AdvisoryLookup lookup;

  private Scanner(AdvisoryLookup lookup) {
    this.lookup = lookup;
  }

  public static Scanner of(VulnDb db) {
    return new Scanner(db::advisories);
  }

  public static Scanner of(AdvisoryLookup lookup) {
    return new Scanner(lookup);
  }

  /** Matches every package of {@code sbom}. Advisories are looked up once per (ecosystem, name). */
  public Result scan(Sbom sbom) {
    List<Finding> findings = new ArrayList<>();
    List<Skip> skips = new ArrayList<>();
    Map<String, List<Advisory>> cache = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (Package p : sbom.packages()) {
      Optional<MatchKey> key = matchKey(p, sbom);
      if (key.isEmpty()) {
        skips.add(new Skip(p.purl(), p.type().isOsPackage()
            ? "no vulnerability ecosystem for " + p.type().purlType() + " packages on " + (sbom.os() == null ? "an unknown OS" : sbom.os())
            : "no vulnerability ecosystem for " + p.type().purlType() + " packages"));
        continue;
      }
      MatchKey k = key.get();
      List<Advisory> advisories =
          cache.computeIfAbsent(k.ecosystem() + "\u0000" + PackageNames.normalize(k.ecosystem(), k.name()),
              x -> lookup.advisories(k.ecosystem(), k.name()));
      MatchResult r = Matcher.match(p, k.ecosystem(), k.name(), k.version(), advisories);
      skips.addAll(r.skips());
      for (Finding f : r.findings()) {
        String id = p.type() + "|" + p.name() + "|" + p.version() + "|" + p.location() + "|" + f.id();
        if (seen.add(id)) {
          findings.add(f);
        }
      }
    }
    findings.sort(ORDER);
    return new Result(findings, skips);
  }

  /** The key {@code p}'s advisories are stored under, or empty when OSV has no ecosystem for it. */
  public static Optional<MatchKey> matchKey(Package p, Sbom sbom) {
    return Ecosystems.of(p.type(), sbom.os()).map(eco -> {
      boolean bySource = p.type() == PackageType.DEB || p.type() == PackageType.APK
          || (p.type() == PackageType.RPM && eco.startsWith("Photon OS"));
      return bySource ? new MatchKey(eco, p.sourceNameOrName(), p.sourceVersionOrVersion()) : new MatchKey(eco, p.name(), p.version());
    });
  }

  /**
   * Checks the DB's age: a warning event when it is older than {@code warnAfter}, a DB error when it is older than
   * {@code failAfter} (null: never).
   *
   * @throws DrydockException DB when the DB is older than {@code failAfter}
   */
  public static void checkDbAge(Instant lastUpdate, Instant now, Duration warnAfter, @Nullable Duration failAfter, EventSink events) {
    Duration age = Duration.between(lastUpdate, now);
    if (failAfter != null && age.compareTo(failAfter) > 0) {
      throw new DrydockException(ErrorKind.DB, "Tried to use the vulnerability DB but failed because: it was last updated " + lastUpdate
          + " (" + human(age) + " ago), older than the allowed " + human(failAfter) + " (run drydock db update or drydock db import)");
    }
    if (age.compareTo(warnAfter) > 0) {
      events.warn("the vulnerability DB was last updated " + lastUpdate + " (" + human(age) + " ago, more than " + human(warnAfter)
          + "); findings published since are missing (run drydock db update)");
    }
  }

  static String human(Duration d) {
    long hours = d.toHours();
    if (hours >= 48) {
      return d.toDays() + " days";
    }
    if (hours >= 1) {
      return hours + " hours";
    }
    return Math.max(0, d.toMinutes()) + " minutes";
  }
}
