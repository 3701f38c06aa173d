package io.drydock.store.report;

import io.drydock.model.Digest;
import io.drydock.model.Severity;
import io.drydock.model.event.LedgerEvent;
import io.drydock.store.Recorded;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Computes the report from the audit log alone (pure): replays the events in order, keeping which digest each
 * container of each service runs and which findings each digest carries, and notes when a service starts and stops
 * carrying a vulnerability. Every figure is defined in docs/metrics.md; the names here match it.
 */
public final class Metrics {
  private Metrics() {}

  /** What to report on: events before {@code until}; samples that end within [{@code since}, {@code until}). */
  public record Query(@Nullable Instant since, Instant until, @Nullable String service, @Nullable String tier,
      Map<Severity, Duration> sla) {
    public Query {
      sla = Map.copyOf(sla);
    }

    public static final Map<Severity, Duration> DEFAULT_SLA = Map.of(Severity.CRITICAL, Duration.ofDays(7), Severity.HIGH,
        Duration.ofDays(30), Severity.MEDIUM, Duration.ofDays(90), Severity.LOW, Duration.ofDays(180),
        Severity.UNKNOWN, Duration.ofDays(180));
  }

  /** One vulnerability one service carried, and when it stopped (or null: still open). */
  public record Exposure(String service, @Nullable String tier, String id, Severity severity, Instant detected,
      @Nullable Instant fixAvailable, @Nullable Instant ended, boolean patched) {}

  /** An open exposure with its SLA state: {@code within} or {@code overdue} (age over the severity's SLA). */
  public record Open(Exposure exposure, Duration age, String slaState) {}

  public record Adoption(String service, Digest newest, int running, int onNewest) {}

  public record Report(@Nullable Instant since, Instant until, int patchedImages, List<String> cvesFixed, List<Open> open,
      Map<Severity, Stats> mttpBySeverity, Map<String, Stats> mttpByTier, Map<Severity, Stats> ttrBySeverity,
      Map<String, Stats> ttrByTier, List<Adoption> adoption, int patchRollouts, int regressions,
      List<Exposure> remediated) {
    /** Regressions ÷ patch rollouts; 0 when there were none. */
    public double regressionRate() {
      return patchRollouts == 0 ? 0.0 : (double) regressions / patchRollouts;
    }

    /** Running containers on their service's newest patched digest ÷ running containers of patched services. */
    public double adoptionRate() {
      int running = adoption.stream().mapToInt(Adoption::running).sum();
      return running == 0 ? 0.0 : (double) adoption.stream().mapToInt(Adoption::onNewest).sum() / running;
    }
  }

  private record Container(String service, @Nullable String tier, @Nullable Digest digest) {}

  private record Carried(Severity severity, boolean fixAvailable) {}

  public static Report compute(Iterable<Recorded> log, Query q) {
    Map<String, Container> containers = new HashMap<>();
    Map<Digest, Map<String, Map<String, Carried>>> findings = new HashMap<>(); // digest -> id -> pkg@ver -> carried
    Map<String, String> tiers = new HashMap<>();
    Map<String, Map<String, Exposure>> exposed = new HashMap<>(); // service -> id -> open exposure
    List<Exposure> ended = new ArrayList<>();
    Map<String, Digest> newestPatch = new HashMap<>();
    int patched = 0;
    int rollouts = 0;
    int regressions = 0;
    for (Recorded r : log) {
      if (!r.at().isBefore(q.until()) || r.event() == null) {
        continue;
      }
      boolean inWindow = q.since() == null || !r.at().isBefore(q.since());
      Set<String> touched = new HashSet<>();
      var event = r.event();
      if (event instanceof LedgerEvent.ImageSeen s && s.kind().equals("container") && s.service() != null) {
        containers.put(s.location(), new Container(s.service(), s.tier(), s.digest()));
        if (s.tier() != null) {
          tiers.put(s.service(), s.tier());
        }
        touched.add(s.service());
      } else if (event instanceof LedgerEvent.ImageGone g && g.kind().equals("container")) {
        Container was = containers.remove(g.location());
        if (was != null) {
          touched.add(was.service());
        }
      } else if (event instanceof LedgerEvent.FindingAppeared f) {
        findings.computeIfAbsent(f.digest(), d -> new HashMap<>()).computeIfAbsent(f.id(), i -> new HashMap<>())
            .put(f.packageName() + "@" + f.version(), new Carried(f.severity(), !f.fixedVersions().isEmpty()));
        touched.addAll(servicesRunning(containers, f.digest()));
      } else if (event instanceof LedgerEvent.FindingFixed f) {
        var byId = findings.getOrDefault(f.digest(), Map.of()).get(f.id());
        if (byId != null) {
          byId.remove(f.packageName() + "@" + f.version());
          if (byId.isEmpty()) {
            findings.get(f.digest()).remove(f.id());
          }
        }
        touched.addAll(servicesRunning(containers, f.digest()));
      } else if (event instanceof LedgerEvent.PatchApplied p) {
        newestPatch.put(p.service(), p.to());
        if (inWindow && matches(q, p.service(), tiers.get(p.service()))) {
          patched++;
          rollouts++;
        }
      } else if (event instanceof LedgerEvent.PatchReverted p) {
        if (inWindow && matches(q, p.service(), tiers.get(p.service()))) {
          regressions++;
        }
      }
      for (String service : touched) {
        update(service, tiers.get(service), r.at(), containers, findings, exposed.computeIfAbsent(service, s -> new LinkedHashMap<>()), ended);
      }
    }
    List<Exposure> remediated = ended.stream()
        .filter(e -> matches(q, e.service(), e.tier()))
        .filter(e -> q.since() == null || !Objects.requireNonNull(e.ended()).isBefore(q.since()))
        .toList();
    Map<Severity, List<Duration>> mttpSev = new EnumMap<>(Severity.class);
    Map<String, List<Duration>> mttpTier = new TreeMap<>();
    Map<Severity, List<Duration>> ttrSev = new EnumMap<>(Severity.class);
    Map<String, List<Duration>> ttrTier = new TreeMap<>();
    for (Exposure e : remediated) {
      Duration ttr = Duration.between(e.detected(), Objects.requireNonNull(e.ended()));
      ttrSev.computeIfAbsent(e.severity(), s -> new ArrayList<>()).add(ttr);
      ttrTier.computeIfAbsent(tierName(e.tier()), s -> new ArrayList<>()).add(ttr);
      if (e.patched() && e.fixAvailable() != null) {
        Duration mttp = Duration.between(e.fixAvailable(), e.ended());
        mttpSev.computeIfAbsent(e.severity(), s -> new ArrayList<>()).add(mttp);
        mttpTier.computeIfAbsent(tierName(e.tier()), s -> new ArrayList<>()).add(mttp);
      }
    }
    List<Open> open = new ArrayList<>();
    exposed.values().forEach(m -> m.values().stream().filter(e -> matches(q, e.service(), e.tier())).forEach(e -> {
      Duration age = Duration.between(e.detected(), q.until());
      Duration sla = q.sla().getOrDefault(e.severity(), Duration.ofDays(180));
      open.add(new Open(e, age, age.compareTo(sla) > 0 ? "overdue" : "within"));
    }));
    open.sort(java.util.Comparator.comparing((Open o) -> o.exposure().severity()).reversed()
        .thenComparing(o -> o.exposure().service()).thenComparing(o -> o.exposure().id()));
    List<Adoption> adoption = new ArrayList<>();
    new TreeMap<>(newestPatch).forEach((service, newest) -> {
      if (!matches(q, service, tiers.get(service))) {
        return;
      }
      int running = 0;
      int onNewest = 0;
      for (Container c : containers.values()) {
        if (c.service().equals(service)) {
          running++;
          if (newest.equals(c.digest())) {
            onNewest++;
          }
        }
      }
      adoption.add(new Adoption(service, newest, running, onNewest));
    });
    return new Report(q.since(), q.until(), patched,
        remediated.stream().map(Exposure::id).distinct().sorted().toList(), open,
        stats(mttpSev), stats(mttpTier), stats(ttrSev), stats(ttrTier), adoption, rollouts, regressions, remediated);
  }

  private static <K> Map<K, Stats> stats(Map<K, List<Duration>> samples) {
    Map<K, Stats> out = new LinkedHashMap<>();
    samples.forEach((k, v) -> out.put(k, Stats.of(v)));
    return out;
  }

  static String tierName(@Nullable String tier) {
    return tier == null ? "none" : tier;
  }

  private static boolean matches(Query q, String service, @Nullable String tier) {
    return (q.service() == null || q.service().equals(service)) && (q.tier() == null || q.tier().equals(tier));
  }

  private static Set<String> servicesRunning(Map<String, Container> containers, Digest digest) {
    Set<String> out = new HashSet<>();
    containers.values().stream().filter(c -> digest.equals(c.digest())).forEach(c -> out.add(c.service()));
    return out;
  }

  /** Re-derives which vulnerabilities {@code service} carries now and opens or closes its exposures. */
  private static void update(String service, @Nullable String tier, Instant at, Map<String, Container> containers,
      Map<Digest, Map<String, Map<String, Carried>>> findings, Map<String, Exposure> open, List<Exposure> ended) {
    Map<String, Carried> carried = new HashMap<>();
    boolean running = false;
    for (Container c : containers.values()) {
      if (!c.service().equals(service)) {
        continue;
      }
      running = true;
      if (c.digest() == null) {
        continue;
      }
      findings.getOrDefault(c.digest(), Map.of()).forEach((id, byPkg) -> byPkg.values().forEach(v -> carried.merge(id, v,
          (a, b) -> new Carried(a.severity().compareTo(b.severity()) >= 0 ? a.severity() : b.severity(),
              a.fixAvailable() || b.fixAvailable()))));
    }
    for (var it = open.entrySet().iterator(); it.hasNext();) {
      var e = it.next();
      if (!carried.containsKey(e.getKey())) {
        Exposure x = e.getValue();
        ended.add(new Exposure(x.service(), x.tier(), x.id(), x.severity(), x.detected(), x.fixAvailable(), at, running));
        it.remove();
      }
    }
    carried.forEach((id, c) -> {
      Exposure x = open.get(id);
      if (x == null) {
        open.put(id, new Exposure(service, tier, id, c.severity(), at, c.fixAvailable() ? at : null, null, false));
      } else if (x.fixAvailable() == null && c.fixAvailable()) {
        open.put(id, new Exposure(service, tier, id, x.severity(), x.detected(), at, null, false));
      }
    });
  }
}
