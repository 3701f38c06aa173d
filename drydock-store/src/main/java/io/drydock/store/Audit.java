package io.drydock.store;

import io.drydock.model.event.DomainEvent;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** The SQL of the audit log. Appends only; callers hold a transaction. */
final class Audit {
  private Audit() {}

  static Recorded append(Handle h, Instant at, String actor, @Nullable String reason, DomainEvent event) {
    return appendAll(h, at, actor, reason, List.of(event)).get(0);
  }

  /** Appends events in order with one lock of the chain head and one batch insert. */
  static List<Recorded> appendAll(Handle h, Instant at, String actor, @Nullable String reason, List<? extends DomainEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    h.createUpdate("update chain_head set seq = seq + :n where id = 1").bind("n", events.size()).execute();
    var head = h.createQuery("select seq, hash from chain_head where id = 1")
        .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)}).one();
    long seq = (Long) head[0] - events.size();
    String prev = (String) head[1];
    long atMs = at.toEpochMilli();
    List<Recorded> out = new java.util.ArrayList<>(events.size());
    var batch = h.prepareBatch("insert into events (seq, at_ms, actor, reason, type, digests, body, prev_hash, hash) "
        + "values (:seq, :at, :actor, :reason, :type, :digests, :body, :prev, :hash)");
    for (DomainEvent event : events) {
      seq++;
      String type = Json.typeName(event);
      Json.Body b = Json.body(event);
      String body = b.json();
      List<String> digests = b.digests();
      String hash = AuditChain.hash(prev, seq, atMs, actor, reason, type, body);
      batch.bind("seq", seq).bind("at", atMs).bind("actor", actor).bind("reason", reason).bind("type", type)
          .bind("digests", String.join(" ", digests)).bind("body", body).bind("prev", prev).bind("hash", hash).add();
      out.add(new Recorded(seq, Instant.ofEpochMilli(atMs), actor, reason, type, event, digests, body, prev, hash));
      prev = hash;
    }
    batch.execute();
    h.createUpdate("update chain_head set hash = :hash where id = 1").bind("hash", prev).execute();
    return out;
  }

  static void forEach(Handle h, long fromSeq, @Nullable Instant since, @Nullable Instant until, Consumer<Recorded> each) {
    StringBuilder sql = new StringBuilder(
        "select seq, at_ms, actor, reason, type, digests, body, prev_hash, hash from events where seq >= :from");
    if (since != null) {
      sql.append(" and at_ms >= :since");
    }
    if (until != null) {
      sql.append(" and at_ms < :until");
    }
    sql.append(" order by seq");
    var q = h.createQuery(sql.toString()).bind("from", fromSeq).setFetchSize(1000);
    if (since != null) {
      q.bind("since", since.toEpochMilli());
    }
    if (until != null) {
      q.bind("until", until.toEpochMilli());
    }
    try (var it = q.map((rs, ctx) -> {
      String type = rs.getString("type");
      String body = rs.getString("body");
      String digests = rs.getString("digests");
      return new Recorded(rs.getLong("seq"), Instant.ofEpochMilli(rs.getLong("at_ms")), rs.getString("actor"),
          rs.getString("reason"), type, Json.readEvent(type, body).orElse(null),
          digests.isEmpty() ? List.of() : List.of(digests.split(" ")), body, rs.getString("prev_hash"), rs.getString("hash"));
    }).iterator()) {
      it.forEachRemaining(each);
    }
  }

  static List<AuditChain.Problem> verify(Handle h, @Nullable String expectedHead) {
    var rows = h.createQuery("select seq, at_ms, actor, reason, type, body, prev_hash, hash from events order by seq")
        .setFetchSize(1000)
        .map((rs, ctx) -> new AuditChain.Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
        .list();
    List<AuditChain.Problem> problems = new java.util.ArrayList<>(AuditChain.verify(rows, expectedHead));
    var head = h.createQuery("select seq, hash from chain_head where id = 1")
        .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)}).one();
    long lastSeq = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).seq();
    String lastHash = rows.isEmpty() ? AuditChain.GENESIS : rows.get(rows.size() - 1).hash();
    if ((Long) head[0] != lastSeq || !head[1].equals(lastHash)) {
      problems.add(new AuditChain.Problem(lastSeq, "the chain head says event " + head[0] + " " + head[1]
          + " but the log ends at " + lastSeq + " (events at the end were removed)"));
    }
    return problems;
  }
}
