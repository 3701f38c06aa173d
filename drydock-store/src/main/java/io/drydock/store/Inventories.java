package io.drydock.store;

import io.drydock.model.Digest;
import io.drydock.model.event.DomainEvent;
import io.drydock.model.event.LedgerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The SQL of the inventory. */
final class Inventories {
  private Inventories() {}

  static final RowMapper<InventoryEntry> MAPPER = (rs, ctx) -> new InventoryEntry(rs.getString("kind"),
      rs.getString("location"), rs.getString("image"),
      rs.getString("digest") == null ? null : Digest.parse(rs.getString("digest")), rs.getString("service"),
      rs.getString("host"), rs.getString("tier"), labels(rs.getString("labels")),
      Instant.ofEpochMilli(rs.getLong("first_seen")), Instant.ofEpochMilli(rs.getLong("last_seen")),
      rs.getLong("present") != 0);

  private static Map<String, String> labels(String json) {
    return json.equals("{}") ? Map.of() : Json.readLabels(json);
  }

  /**
   * Records one sync of a scope: entries of {@code kind} whose location starts with {@code scope}. Returns the
   * events to append: new entries and entries whose digest changed are seen, entries of the scope not observed
   * this time are gone.
   */
  static List<DomainEvent> sync(Handle h, Instant now, String kind, String scope, List<InventoryEntry.Observation> seen) {
    Map<String, InventoryEntry> before = new HashMap<>();
    h.createQuery("select * from inventory where kind = :kind and substr(location, 1, :n) = :scope")
        .bind("kind", kind).bind("n", scope.length()).bind("scope", scope).map(MAPPER)
        .forEach(e -> before.put(e.location(), e));
    List<DomainEvent> events = new ArrayList<>();
    Map<String, InventoryEntry.Observation> observed = new HashMap<>();
    for (InventoryEntry.Observation o : seen) {
      if (!o.kind().equals(kind) || !o.location().startsWith(scope)) {
        throw new IllegalArgumentException(o.kind() + " " + o.location() + " is outside the sync scope " + kind + " " + scope);
      }
      observed.put(o.location(), o);
    }
    long ms = now.toEpochMilli();
    for (InventoryEntry.Observation o : observed.values()) {
      InventoryEntry was = before.get(o.location());
      boolean changed = was == null || !was.present() || !Objects.equals(was.digest(), o.digest())
          || !was.image().equals(o.image());
      if (was == null) {
        h.createUpdate("insert into inventory (kind, location, image, digest, service, host, tier, labels, first_seen, "
                + "last_seen, present) values (:kind, :loc, :image, :digest, :service, :host, :tier, :labels, :ms, :ms, 1)")
            .bind("kind", kind).bind("loc", o.location()).bind("image", o.image())
            .bind("digest", o.digest() == null ? null : o.digest().toString()).bind("service", o.service())
            .bind("host", o.host()).bind("tier", o.tier()).bind("labels", Json.write(new java.util.TreeMap<>(o.labels())))
            .bind("ms", ms).execute();
      } else {
        h.createUpdate("update inventory set image = :image, digest = :digest, service = :service, host = :host, "
                + "tier = :tier, labels = :labels, last_seen = :ms, present = 1, "
                + "first_seen = case when :changed then :ms else first_seen end where kind = :kind and location = :loc")
            .bind("kind", kind).bind("loc", o.location()).bind("image", o.image())
            .bind("digest", o.digest() == null ? null : o.digest().toString()).bind("service", o.service())
            .bind("host", o.host()).bind("tier", o.tier()).bind("labels", Json.write(new java.util.TreeMap<>(o.labels())))
            .bind("ms", ms).bind("changed", changed).execute();
      }
      if (changed) {
        events.add(new LedgerEvent.ImageSeen(kind, o.location(), o.image(), o.digest(), o.service(), o.host(), o.tier(),
            o.labels()));
      }
    }
    for (InventoryEntry e : before.values()) {
      if (e.present() && !observed.containsKey(e.location())) {
        h.createUpdate("update inventory set present = 0 where kind = :kind and location = :loc")
            .bind("kind", kind).bind("loc", e.location()).execute();
        events.add(new LedgerEvent.ImageGone(kind, e.location(), e.image(), e.digest(), e.service()));
      }
    }
    events.sort(java.util.Comparator.comparing(DomainEvent::summary));
    return events;
  }

  static List<InventoryEntry> list(Handle h, boolean includeGone) {
    return h.createQuery("select * from inventory" + (includeGone ? "" : " where present = 1") + " order by kind, location")
        .map(MAPPER).list();
  }

  /** Entries whose digest carries the query's vulnerability or package (a superset when the id is only an alias). */
  static List<InventoryEntry> carrying(Handle h, Affected.Query q, boolean byAlias) {
    String sub;
    if (q.vulnerability() != null) {
      sub = byAlias ? "select digest from findings where (' ' || aliases || ' ') like :like" : "select digest from findings where id = :id";
    } else {
      sub = "select digest from sbom_packages where name = :n" + (q.version() == null ? "" : " and version = :v");
    }
    var query = h.createQuery("select * from inventory where digest in (" + sub + ") order by kind, location");
    if (q.vulnerability() != null) {
      if (byAlias) {
        query.bind("like", "% " + q.vulnerability() + " %");
      } else {
        query.bind("id", q.vulnerability());
      }
    } else {
      query.bind("n", q.packageName());
      if (q.version() != null) {
        query.bind("v", q.version());
      }
    }
    return query.map(MAPPER).list();
  }

  static List<InventoryEntry> byDigests(Handle h, java.util.Collection<String> digests) {
    if (digests.isEmpty()) {
      return List.of();
    }
    return h.createQuery("select * from inventory where digest in (<digests>) order by kind, location")
        .bindList("digests", new ArrayList<>(digests)).map(MAPPER).list();
  }
}
