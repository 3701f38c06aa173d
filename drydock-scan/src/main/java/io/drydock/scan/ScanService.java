package io.drydock.scan;

import io.drydock.image.ImageOptions;
import io.drydock.model.Finding;
import io.drydock.model.Sbom;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import io.drydock.model.Skip;
import io.drydock.model.event.EventSink;
import io.drydock.model.event.ScanEvent;
import io.drydock.scan.db.VulnDb;
import io.drydock.policy.filter.FindingFilter;
import io.drydock.scan.sbom.SbomReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The scan stage as one service: target + criteria → report. The only place that chains analyze (image →
 * SBOM, or an SBOM file read as it is) → match (SBOM + DB → findings) → filter (severity, unfixed, ignore rules,
 * VEX). What the findings mean (pass or fail) is {@code io.drydock.policy.Policy}'s. A CLI command, a server or
 * the autopilot wires it the same way: {@link #create} with a cache dir, a work dir, an {@link EventSink} and a
 * clock.
 *
 * <p>Emits, besides the image sources' progress and the warnings a user must see (stale DB, expired rules,
 * unmatched packages), one {@link ScanEvent.FindingAppeared} per finding that remains after the filters and one
 * {@link ScanEvent.ScanCompleted} per scan.
 */
public final class ScanService {
  /** Makes the inventory on first use, so that a scan of an SBOM file creates no work dir. */
  @FunctionalInterface
  private interface InventoryFactory {
    Inventory create() throws IOException;
  }

  private final InventoryFactory factory;
  private final EventSink events;
  private final Clock clock;
  private @Nullable Inventory inventory;

  private ScanService(InventoryFactory factory, EventSink events, Clock clock) {
    this.factory = factory;
    this.events = events;
    this.clock = clock;
  }

  private synchronized Inventory inventory() throws IOException {
    if (inventory == null) {
      inventory = factory.create();
    }
    return inventory;
  }

  /**
   * The standard service: every image source and every analyzer ({@link Inventory#create}).
   *
   * @param cacheDir per-layer results are cached under it; null disables the cache
   * @param workDir temporary files (rpm databases, engine exports) go under it
   */
  public static ScanService create(@Nullable Path cacheDir, Path workDir, EventSink events, Clock clock) {
    return new ScanService(() -> Inventory.create(cacheDir, workDir, events), events, clock);
  }

  /** A service over a given inventory (tests, a server with its own analyzers). */
  public static ScanService of(Inventory inventory, EventSink events, Clock clock) {
    return new ScanService(() -> inventory, events, clock);
  }

  /**
   * What to scan.
   *
   * @param target an image reference in any form {@link io.drydock.image.ImageSources} takes, an SBOM file, or
   *     {@code sbom:FILE}
   * @param image how to open the image; asked only when the target is one (a CLI validates its flags lazily)
   * @param criteria the filters
   */
  public record Request(String target, Supplier<ImageOptions> image, FindingFilter.Criteria criteria) {
    public Request {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(criteria, "criteria");
    }

    public Request(String target, ImageOptions image, FindingFilter.Criteria criteria) {
      this(target, () -> image, criteria);
    }
  }

  /**
   * Opens the vulnerability DB and checks its age: a warning when older than {@code warnAge}.
   *
   * @throws io.drydock.model.DrydockException DB when it is missing, unreadable or older than {@code maxAge}
   */
  public VulnDb openDb(Path file, Duration warnAge, @Nullable Duration maxAge) {
    VulnDb db = VulnDb.open(file);
    try {
      Scanner.checkDbAge(db.metadata().lastUpdate(), clock.instant(), warnAge, maxAge, events);
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Opens {@code reference} and builds its SBOM and final-view facts (the analyze step alone). */
  public SbomBuilder.Result inventory(String reference, ImageOptions options) throws IOException {
    return inventory().take(reference, options);
  }

  /**
   * The SBOM of {@code target}: read from the file with {@code sbom:FILE} or when the target is a JSON file,
   * else built from the image.
   */
  public Sbom sbom(String target, ImageOptions options) throws IOException {
    return sbom(target, () -> options);
  }

  private Sbom sbom(String target, Supplier<ImageOptions> options) throws IOException {
    if (target.startsWith("sbom:")) {
      return new SbomReader().read(Path.of(target.substring("sbom:".length())));
    }
    Path file = Path.of(target.isBlank() ? "." : target);
    if (!target.contains("://") && SbomReader.looksLikeJson(file)) {
      return new SbomReader().read(file);
    }
    return inventory().take(target, options.get()).sbom();
  }

  /** The match step alone: every finding of {@code sbom} in {@code db}, unfiltered. */
  public Scanner.Result match(VulnDb db, Sbom sbom) {
    return Scanner.of(db).scan(sbom);
  }

  /** analyze → match → filter: the report of one scan (the DB age is checked by {@link #openDb}). */
  public ScanReport scan(VulnDb db, Request request) throws IOException {
    Instant now = clock.instant();
    Sbom sbom = sbom(request.target(), request.image());
    return report(db, request.target(), sbom, request.criteria(), now);
  }

  /** match → filter over an SBOM already at hand. */
  public ScanReport scan(VulnDb db, String target, Sbom sbom, FindingFilter.Criteria criteria) {
    return report(db, target, sbom, criteria, clock.instant());
  }

  private ScanReport report(VulnDb db, String target, Sbom sbom, FindingFilter.Criteria criteria, Instant now) {
    Scanner.Result result = match(db, sbom);
    FindingFilter.Outcome outcome = FindingFilter.apply(result.findings(), criteria, sbom.image(), LocalDate.ofInstant(now, ZoneOffset.UTC));
    for (ScanReport.ExpiredRule r : outcome.expired()) {
      events.warn("the rule for " + r.id() + " at " + r.source() + " expired on " + r.expiredOn()
          + (r.owner() == null ? "" : " (owner " + r.owner() + ")") + "; it no longer suppresses anything");
    }
    if (!result.skips().isEmpty()) {
      events.warn(result.skips().size() + " package(s) could not be matched (listed under 'skipped' in --format json)");
    }
    List<Skip> skipped = new ArrayList<>(sbom.skipped());
    skipped.addAll(result.skips());
    Sbom reported = new Sbom(sbom.image(), sbom.os(), sbom.packages(), skipped);
    VulnDb.Metadata m = db.metadata();
    ScanReport report = new ScanReport(reported, outcome.findings(), outcome.suppressed(), outcome.expired(),
        new ScanReport.DbInfo(m.schemaVersion(), m.lastUpdate(), m.advisories()), now);
    emitOutcome(target, report, events);
    return report;
  }

  /** The typed events of a finished scan: one per remaining finding, then the completion with counts. */
  static void emitOutcome(String target, ScanReport report, EventSink events) {
    var manifest = report.sbom().image().manifestDigest();
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    for (Finding f : report.findings()) {
      counts.merge(f.severity(), 1, Integer::sum);
      events.emit(new ScanEvent.FindingAppeared(target, manifest, f.id(), f.pkg().purl(), f.pkg().version(), f.severity(),
          f.fixedVersions().isEmpty() ? null : f.fixedVersions().get(0)));
    }
    events.emit(new ScanEvent.ScanCompleted(target, manifest, report.sbom().packages().size(), counts));
  }
}
