package io.drydock.store;

import io.drydock.model.Digest;
import io.drydock.model.Package;
import io.drydock.model.Sbom;
import io.drydock.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The SQL of stored SBOMs and their current findings. */
final class Sboms {
  private Sboms() {}

  static boolean has(Handle h, Digest digest) {
    return h.createQuery("select count(*) from sboms where digest = :d").bind("d", digest.toString())
        .mapTo(Long.class).one() > 0;
  }

  static void put(Handle h, Instant now, Digest digest, String image, Sbom sbom) {
    h.createUpdate("delete from sboms where digest = :d").bind("d", digest.toString()).execute();
    h.createUpdate("delete from sbom_packages where digest = :d").bind("d", digest.toString()).execute();
    h.createUpdate("insert into sboms (digest, image, sbom, analysed_ms) values (:d, :image, :sbom, :ms)")
        .bind("d", digest.toString()).bind("image", image).bind("sbom", Json.write(sbom)).bind("ms", now.toEpochMilli())
        .execute();
    PreparedBatch batch = h.prepareBatch("insert into sbom_packages (digest, name, version, type) values (:d, :n, :v, :t)");
    for (Package p : sbom.packages()) {
      batch.bind("d", digest.toString()).bind("n", p.name()).bind("v", p.version()).bind("t", p.type().name()).add();
      if (p.sourceName() != null && !p.sourceName().equals(p.name())) {
        // OS packages are also found by their source package (openssl for libssl3), as advisories name them
        batch.bind("d", digest.toString()).bind("n", p.sourceName()).bind("v", p.sourceVersionOrVersion())
            .bind("t", p.type().name()).add();
      }
    }
    if (batch.size() > 0) {
      batch.execute();
    }
  }

  /** One stored SBOM. */
  record Row(Digest digest, String image, Sbom sbom) {}

  static void forEach(Handle h, java.util.function.Consumer<Row> each) {
    try (var it = h.createQuery("select digest, image, sbom from sboms order by digest").setFetchSize(200)
        .map((rs, ctx) -> new Row(Digest.parse(rs.getString(1)), rs.getString(2), Json.read(rs.getString(3), Sbom.class)))
        .iterator()) {
      it.forEachRemaining(each);
    }
  }

  static Map<String, String> images(Handle h) {
    Map<String, String> out = new HashMap<>();
    h.createQuery("select digest, image from sboms").map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  static Map<String, List<StoredFinding>> allFindings(Handle h) {
    Map<String, List<StoredFinding>> out = new HashMap<>();
    h.createQuery("select digest, id, package, version, severity, fixed, aliases from findings").setFetchSize(5000)
        .map((rs, ctx) -> Map.entry(rs.getString(1), finding(rs)))
        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return out;
  }

  static List<StoredFinding> allFindingsOf(Handle h, Digest digest) {
    return h.createQuery("select digest, id, package, version, severity, fixed, aliases from findings where digest = :d")
        .bind("d", digest.toString()).map((rs, ctx) -> finding(rs)).list();
  }

  private static StoredFinding finding(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new StoredFinding(rs.getString("id"), rs.getString("package"), rs.getString("version"),
        Severity.valueOf(rs.getString("severity")), split(rs.getString("fixed")), split(rs.getString("aliases")));
  }

  private static List<String> split(String s) {
    return s.isEmpty() ? List.of() : List.of(s.split(" "));
  }

  static void applyDiff(Handle h, Instant now, Digest digest, FindingDiff diff) {
    if (!diff.fixed().isEmpty()) {
      PreparedBatch del = h.prepareBatch("delete from findings where digest = :d and id = :id and package = :p and version = :v");
      for (StoredFinding f : diff.fixed()) {
        del.bind("d", digest.toString()).bind("id", f.id()).bind("p", f.packageName()).bind("v", f.version()).add();
      }
      del.execute();
    }
    if (!diff.appeared().isEmpty()) {
      // an upsert: a finding whose fix became available is already there (same key)
      PreparedBatch ins = h.prepareBatch("insert into findings (digest, id, package, version, severity, fixed, aliases, since_ms) "
          + "values (:d, :id, :p, :v, :s, :fixed, :aliases, :ms) on conflict (digest, id, package, version) do update set "
          + "severity = excluded.severity, fixed = excluded.fixed, aliases = excluded.aliases, since_ms = excluded.since_ms");
      for (StoredFinding f : diff.appeared()) {
        ins.bind("d", digest.toString()).bind("id", f.id()).bind("p", f.packageName()).bind("v", f.version())
            .bind("s", f.severity().name()).bind("fixed", String.join(" ", f.fixedVersions()))
            .bind("aliases", String.join(" ", f.aliases())).bind("ms", now.toEpochMilli()).add();
      }
      ins.execute();
    }
  }

  /** Digests whose current findings name {@code id} as id or alias, with those findings. */
  static Map<String, List<StoredFinding>> findingsById(Handle h, String id) {
    Map<String, List<StoredFinding>> out = new HashMap<>();
    // by primary id through the index; only when nothing has it as primary id, by alias (a scan)
    h.createQuery("select digest, id, package, version, severity, fixed, aliases from findings where id = :id")
        .bind("id", id)
        .map((rs, ctx) -> Map.entry(rs.getString(1), finding(rs)))
        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    if (out.isEmpty()) {
      h.createQuery("select digest, id, package, version, severity, fixed, aliases from findings "
              + "where (' ' || aliases || ' ') like :like")
          .bind("like", "% " + id + " %")
          .map((rs, ctx) -> Map.entry(rs.getString(1), finding(rs)))
          .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    }
    return out;
  }

  /** Digests of stored SBOMs holding package {@code name} (at {@code version} when given). */
  static Map<String, List<String>> byPackage(Handle h, String name, @org.jspecify.annotations.Nullable String version) {
    Map<String, List<String>> out = new HashMap<>();
    var q = h.createQuery("select digest, version from sbom_packages where name = :n" + (version == null ? "" : " and version = :v"))
        .bind("n", name);
    if (version != null) {
      q.bind("v", version);
    }
    q.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return out;
  }
}
