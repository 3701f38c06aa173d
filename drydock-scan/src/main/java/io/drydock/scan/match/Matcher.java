package io.drydock.scan.match;

import io.drydock.model.Advisory;
import io.drydock.model.Finding;
import io.drydock.model.Package;
import io.drydock.model.Severity;
import io.drydock.model.Skip;
import io.drydock.scan.version.VersionScheme;
import io.drydock.scan.version.VersionSchemes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which advisories affect a package (pure). For each non-withdrawn advisory with an affected entry for
 * the package's ecosystem and name, the package is affected when its version is listed in {@code versions} or
 * lies in one of the {@code ECOSYSTEM}/{@code SEMVER} ranges, evaluated as the OSV schema says: the events of a
 * range are sorted by version ({@code introduced: "0"} first) and the last event at or below the version decides
 * ({@code introduced} → affected, {@code fixed} → not, {@code last_affected} → not when the version is above it);
 * a version at or above a {@code limit} is outside the range. {@code GIT} ranges are not evaluated.
 *
 * <p>Advisories that share an id or alias are one vulnerability: one {@link Finding} per package, whose id is the
 * CVE when the group names exactly one, else the lowest advisory id; severity is the highest of the group and
 * fixed versions are the union of the {@code fixed} events above the installed version in the ranges that
 * contain it. The finding's CVSS is the one the highest severity was computed from. A group without any severity
 * takes the distribution's rating of the matched entries ({@link Advisory.Affected#severity()}); a group without a
 * fixed version takes the distribution's decision ({@link Advisory.Affected#status()}: will not fix, deferred, end of
 * life), else it is {@code AFFECTED}.
 */
public final class Matcher {

  private static final java.util.regex.Pattern CVE = java.util.regex.Pattern.compile("CVE-[0-9]{4}-[0-9]{4,}");

  private Matcher() {}

  /**
   * The findings of {@code pkg} in {@code ecosystem} (OSV spelling). For OS packages the caller passes the source
   * package's name and version as {@code name}/{@code version} when advisories are keyed by source package.
   */
  public static MatchResult match(Package pkg, String ecosystem, String name, String version, List<Advisory> advisories) {
    Optional<VersionScheme> scheme = VersionSchemes.forEcosystem(ecosystem);
    List<Skip> skips = new ArrayList<>();
    if (scheme.isEmpty()) {
      skips.add(new Skip(ecosystem + "/" + name + "@" + version, "no version scheme for ecosystem " + ecosystem));
      return new MatchResult(List.of(), skips);
    }
    if (!scheme.get().isValid(version)) {
      skips.add(
          new Skip(ecosystem + "/" + name + "@" + version, "version is not valid for " + scheme.get().name() + "; not matched"));
      return new MatchResult(List.of(), skips);
    }
    String key = PackageNames.normalize(ecosystem, name);
    List<Hit> hits = new ArrayList<>();
    for (Advisory a : advisories) {
      if (a.isWithdrawn()) {
        continue;
      }
      Hit hit = null;
      for (Advisory.Affected af : a.affected()) {
        if (!af.ecosystem().equals(ecosystem) || !PackageNames.normalize(ecosystem, af.name()).equals(key)) {
          continue;
        }
        Set<String> fixed = affects(af, ecosystem, scheme.get(), version);
        if (fixed != null) {
          if (hit == null) {
            hit = new Hit(a, new LinkedHashSet<>(), new ArrayList<>());
          }
          hit.fixed.addAll(fixed);
          hit.entries.add(af);
        }
      }
      if (hit != null) {
        hits.add(hit);
      }
    }
    return new MatchResult(merge(pkg, ecosystem, scheme.get(), hits), skips);
  }

  /** Convenience: matches {@code pkg} by its own name and version. */
  public static MatchResult match(Package pkg, String ecosystem, List<Advisory> advisories) {
    return match(pkg, ecosystem, pkg.name(), pkg.version(), advisories);
  }

  private record Hit(Advisory advisory, Set<String> fixed, List<Advisory.Affected> entries) {}

  /** The fixed versions above {@code v} of the ranges containing it, or null when the entry does not affect v. */
  static Set<String> affects(Advisory.Affected af, String ecosystem, VersionScheme scheme, String v) {
    boolean affected = false;
    Set<String> fixed = new LinkedHashSet<>();
    for (String listed : af.versions()) {
      if (listed.equals(v) || (scheme.isValid(listed) && scheme.compare(listed, v) == 0)) {
        affected = true;
        break;
      }
    }
    for (Advisory.Range r : af.ranges()) {
      VersionScheme s = switch (r.type()) {
        case ECOSYSTEM -> scheme;
        case SEMVER -> ecosystem.equals("Go") ? VersionSchemes.go() : VersionSchemes.forSemverRanges();
        case GIT -> null;
      };
      if (s == null) {
        continue;
      }
      if (inRange(r.events(), s, v)) {
        affected = true;
        for (Advisory.Event e : r.events()) {
          if (e instanceof Advisory.Fixed && s.compare(e.version(), v) > 0) {
            fixed.add(e.version());
          }
        }
      }
    }
    return affected ? fixed : null;
  }

  static boolean inRange(List<Advisory.Event> events, VersionScheme s, String v) {
    List<Advisory.Event> sorted = new ArrayList<>(events);
    try {
      sort(sorted, s);
    } catch (IllegalArgumentException e) {
      // hostile versions can make the order inconsistent ("Comparison method violates its general contract"):
      // evaluate the events in the order the record lists them, which is sorted in every well-formed record
      sorted = new ArrayList<>(events);
    }
    return evaluate(sorted, s, v);
  }

  private static void sort(List<Advisory.Event> sorted, VersionScheme s) {
    sorted.sort(
        (x, y) -> {
          boolean x0 = x instanceof Advisory.Introduced && x.version().equals("0");
          boolean y0 = y instanceof Advisory.Introduced && y.version().equals("0");
          if (x0 || y0) {
            return Boolean.compare(!x0, !y0);
          }
          if (x instanceof Advisory.Limit || y instanceof Advisory.Limit) {
            return Boolean.compare(x instanceof Advisory.Limit, y instanceof Advisory.Limit);
          }
          return s.compare(x.version(), y.version());
        });
  }

  private static boolean evaluate(List<Advisory.Event> sorted, VersionScheme s, String v) {
    boolean affected = false;
    for (Advisory.Event e : sorted) {
      if (e instanceof Advisory.Introduced) {
        if (e.version().equals("0") || s.compare(v, e.version()) >= 0) {
          affected = true;
        }
      } else if (e instanceof Advisory.Fixed) {
        if (s.compare(v, e.version()) >= 0) {
          affected = false;
        }
      } else if (e instanceof Advisory.LastAffected) {
        if (s.compare(v, e.version()) > 0) {
          affected = false;
        }
      } else if (e instanceof Advisory.Limit) {
        if (!e.version().equals("*") && s.compare(v, e.version()) >= 0) {
          return false;
        }
      }
    }
    return affected;
  }

  /** Groups hits that share an id or alias (union-find over ids) into one finding each. */
  private static List<Finding> merge(Package pkg, String ecosystem, VersionScheme scheme, List<Hit> hits) {
    Map<String, String> parent = new HashMap<>();
    for (Hit h : hits) {
      String root = find(parent, h.advisory.id());
      for (String alias : h.advisory.aliases()) {
        String r = find(parent, alias);
        if (!r.equals(root)) {
          parent.put(r, root);
        }
      }
    }
    Map<String, List<Hit>> groups = new LinkedHashMap<>();
    for (Hit h : hits) {
      groups.computeIfAbsent(find(parent, h.advisory.id()), k -> new ArrayList<>()).add(h);
    }
    List<Finding> out = new ArrayList<>();
    for (List<Hit> g : groups.values()) {
      g.sort(Comparator.comparing(h -> h.advisory.id()));
      TreeSet<String> ids = new TreeSet<>();
      TreeSet<String> advisoryIds = new TreeSet<>();
      Severity severity = Severity.UNKNOWN;
      Finding.Cvss cvss = null;
      Severity distroSeverity = Severity.UNKNOWN;
      Finding.Status distroStatus = null;
      List<String> fixed = new ArrayList<>();
      String summary = null;
      for (Hit h : g) {
        advisoryIds.add(h.advisory.id());
        ids.add(h.advisory.id());
        ids.addAll(h.advisory.aliases());
        Finding.Cvss c = h.advisory.cvss();
        int bySeverity = h.advisory.severity().compareTo(severity);
        if (bySeverity > 0 || (bySeverity == 0 && c != null && (cvss == null || c.score() > cvss.score()))) {
          severity = h.advisory.severity();
          cvss = c;
        }
        for (Advisory.Affected af : h.entries) {
          if (af.severity() != null && af.severity().compareTo(distroSeverity) > 0) {
            distroSeverity = af.severity();
          }
          if (af.status() != null && (distroStatus == null || af.status().compareTo(distroStatus) > 0)) {
            distroStatus = af.status();
          }
        }
        for (String f : h.fixed) {
          if (fixed.stream().noneMatch(x -> scheme.compare(x, f) == 0)) {
            fixed.add(f);
          }
        }
        if (summary == null) {
          summary = h.advisory.summary();
        }
      }
      fixed.sort(scheme::compare);
      List<String> cves = ids.stream().filter(i -> CVE.matcher(i).matches()).toList();
      String id = cves.size() == 1 ? cves.get(0) : advisoryIds.first();
      List<String> aliases = ids.stream().filter(i -> !i.equals(id)).toList();
      if (severity == Severity.UNKNOWN) {
        severity = distroSeverity;
        cvss = null;
      }
      Finding.Status status =
          !fixed.isEmpty() ? Finding.Status.FIXED : distroStatus != null ? distroStatus : Finding.Status.AFFECTED;
      out.add(new Finding(pkg, ecosystem, id, aliases, List.copyOf(advisoryIds), severity, cvss, status, fixed, summary,
          g.get(0).advisory.dataSource()));
    }
    out.sort(Comparator.comparing(Finding::id));
    return out;
  }

  private static String find(Map<String, String> parent, String x) {
    String r = x;
    while (parent.containsKey(r)) {
      r = parent.get(r);
    }
    return r;
  }
}
