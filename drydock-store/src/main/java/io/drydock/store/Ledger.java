package io.drydock.store;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.Sbom;
import io.drydock.model.event.DomainEvent;
import io.drydock.model.event.LedgerEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * The ledger: the one facade over drydock's store (a SQLite file by default, PostgreSQL by JDBC URL). Every write
 * is one transaction that also appends its events to the hash-chained audit log, so a crash leaves either all of a
 * step or none of it. Safe to share between threads; a server holds one for its lifetime.
 */
public final class Ledger implements AutoCloseable {
  private final Jdbi jdbi;
  private final Clock clock;
  private final String location;
  private final AutoCloseable resource;

  Ledger(Jdbi jdbi, Clock clock, String location, AutoCloseable resource) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.location = location;
    this.resource = resource;
  }

  /**
   * Opens (creating and migrating when needed) the ledger at {@code location}: a {@code jdbc:postgresql:} or
   * {@code jdbc:sqlite:} URL, or a file path for SQLite.
   *
   * @throws DrydockException {@code INVALID_INPUT} for a file that is not a drydock ledger, {@code UNREACHABLE}
   *     when the database server cannot be reached
   */
  public static Ledger open(String location, Clock clock) {
    return Databases.open(location, clock);
  }

  /** Where the ledger is, with any password removed. */
  public String location() {
    return location;
  }

  // ---- audit log

  /** Appends one event (one transaction). */
  public Recorded append(String actor, @Nullable String reason, DomainEvent event) {
    return appendAll(actor, reason, List.of(event)).get(0);
  }

  /** Appends events in order, all or none. */
  public List<Recorded> appendAll(String actor, @Nullable String reason, List<? extends DomainEvent> events) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> Audit.appendAll(h, now, actor, reason, events));
  }

  /** Events from {@code fromSeq} on (1 = all), in order, within [{@code since}, {@code until}) when given. */
  public void events(long fromSeq, @Nullable Instant since, @Nullable Instant until, Consumer<Recorded> each) {
    jdbi.useHandle(h -> Audit.forEach(h, fromSeq, since, until, each));
  }

  /** All events, in order (for reports; a server streams with {@link #events} instead). */
  public List<Recorded> events() {
    List<Recorded> out = new ArrayList<>();
    events(1, null, null, out::add);
    return out;
  }

  /** Every break in the hash chain; empty when intact. */
  public List<AuditChain.Problem> verify(@Nullable String expectedHead) {
    return jdbi.withHandle(h -> Audit.verify(h, expectedHead));
  }

  // ---- inventory

  /** Records one sync of a scope (see {@link Inventories#sync}) and its events, in one transaction. */
  public List<Recorded> syncInventory(String actor, String kind, String scope, List<InventoryEntry.Observation> seen) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> Audit.appendAll(h, now, actor, "inventory sync", Inventories.sync(h, now, kind, scope, seen)));
  }

  public List<InventoryEntry> inventory(boolean includeGone) {
    return jdbi.withHandle(h -> Inventories.list(h, includeGone));
  }

  // ---- stored SBOMs and findings

  public boolean hasSbom(Digest digest) {
    return jdbi.withHandle(h -> Sboms.has(h, digest));
  }

  /** Keeps an image's SBOM and its first findings; appends SbomStored and one FindingAppeared per finding. */
  public List<Recorded> storeSbom(String actor, Digest digest, String image, Sbom sbom, List<StoredFinding> findings) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      Sboms.put(h, now, digest, image, sbom);
      List<DomainEvent> events = new ArrayList<>();
      events.add(new LedgerEvent.SbomStored(digest, image, sbom.packages().size()));
      FindingDiff diff = FindingDiff.of(Sboms.allFindingsOf(h, digest), findings);
      Sboms.applyDiff(h, now, digest, diff);
      events.addAll(diffEvents(digest, diff));
      return Audit.appendAll(h, now, actor, "analysed", events);
    });
  }

  /** One image for {@link #storeSboms}. */
  public record NewSbom(Digest digest, String image, Sbom sbom, List<StoredFinding> findings) {}

  /** Keeps many SBOMs in one transaction (a bulk import), with the same events as {@link #storeSbom}. */
  public int storeSboms(String actor, List<NewSbom> sboms) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      List<DomainEvent> events = new ArrayList<>();
      for (NewSbom n : sboms) {
        Sboms.put(h, now, n.digest(), n.image(), n.sbom());
        events.add(new LedgerEvent.SbomStored(n.digest(), n.image(), n.sbom().packages().size()));
        FindingDiff diff = FindingDiff.of(Sboms.allFindingsOf(h, n.digest()), n.findings());
        Sboms.applyDiff(h, now, n.digest(), diff);
        events.addAll(diffEvents(n.digest(), diff));
      }
      return Audit.appendAll(h, now, actor, "analysed", events).size();
    });
  }

  /** The outcome of a rescan. */
  public record RescanResult(int images, int appeared, int fixed, List<Recorded> events) {}

  /**
   * Re-matches every stored SBOM with {@code match} (the scanner over the current vulnerability DB) and records
   * the differences as FindingAppeared / FindingFixed events plus one RescanCompleted, in one transaction.
   */
  public RescanResult rescan(String actor, Function<Sbom, List<StoredFinding>> match) {
    Instant now = clock.instant();
    return jdbi.inTransaction(h -> {
      Map<String, List<StoredFinding>> current = Sboms.allFindings(h);
      List<Sboms.Row> rows = new ArrayList<>();
      Sboms.forEach(h, rows::add);
      List<DomainEvent> events = new ArrayList<>();
      int appeared = 0;
      int fixed = 0;
      for (Sboms.Row row : rows) {
        FindingDiff diff = FindingDiff.of(current.getOrDefault(row.digest().toString(), List.of()), match.apply(row.sbom()));
        if (diff.isEmpty()) {
          continue;
        }
        Sboms.applyDiff(h, now, row.digest(), diff);
        events.addAll(diffEvents(row.digest(), diff));
        appeared += diff.appeared().size();
        fixed += diff.fixed().size();
      }
      events.add(new LedgerEvent.RescanCompleted(rows.size(), appeared, fixed));
      return new RescanResult(rows.size(), appeared, fixed, Audit.appendAll(h, now, actor, "rescan", events));
    });
  }

  private static List<DomainEvent> diffEvents(Digest digest, FindingDiff diff) {
    List<DomainEvent> out = new ArrayList<>();
    for (StoredFinding f : diff.appeared()) {
      out.add(new LedgerEvent.FindingAppeared(digest, f.id(), f.packageName(), f.version(), f.severity(), f.fixedVersions()));
    }
    for (StoredFinding f : diff.fixed()) {
      out.add(new LedgerEvent.FindingFixed(digest, f.id(), f.packageName(), f.version()));
    }
    return out;
  }

  // ---- blast radius

  /** Who carries a vulnerability or a package: see {@link Affected}. */
  public List<Affected> affected(Affected.Query query) {
    return jdbi.withHandle(h -> Affected.find(h, query));
  }

  @Override
  public void close() {
    try {
      resource.close();
    } catch (Exception e) {
      throw new DrydockException(ErrorKind.INTERNAL, "Tried to close the ledger at " + location + " but failed because: " + e, e);
    }
  }
}
