package io.drydock.scan.db;

import com.fasterxml.jackson.databind.JsonNode;
import io.drydock.model.Advisory;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.Severity;
import io.drydock.model.Skip;
import io.drydock.model.event.EventSink;
import io.drydock.scan.match.PackageNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code drydock db import DIR|ZIP…}: reads OSV JSON records (files in a directory tree, or the entries of an
 * OSV export zip such as {@code all.zip} / {@code <ecosystem>/all.zip}) and Alpine secdb documents, and builds a
 * new SQLite DB. The new DB is written beside the target under a temporary name and moved over the target only
 * when complete, so a failed import leaves the previous DB in place and usable.
 *
 * <p>Hostile input is bounded: a record over {@link OsvJson#MAX_RECORD_BYTES}, malformed JSON or a record
 * without what matching needs is a counted skip; a zip whose entries inflate past {@link #MAX_TOTAL_BYTES} or
 * hold more than {@link #MAX_ENTRIES} entries stops the import (a zip bomb) with the old DB untouched.
 */
public final class VulnDbImporter {

  static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024 * 1024;
  static final int MAX_ENTRIES = 5_000_000;
  /** Largest Debian security tracker JSON read (streamed); the real one is about 70 MB. */
  static final long MAX_TRACKER_BYTES = 1L << 30;
  private static final int MAX_DEPTH = 16;
  private static final int MAX_SKIPS_KEPT = 1000;

  private final Clock clock;
  private final EventSink events;
  private final long maxTotalBytes;
  private final int maxEntries;

  public VulnDbImporter(Clock clock, EventSink events) {
    this(clock, events, MAX_TOTAL_BYTES, MAX_ENTRIES);
  }

  /** With other bounds on the total inflated size and the number of records (for tests). */
  VulnDbImporter(Clock clock, EventSink events, long maxTotalBytes, int maxEntries) {
    this.clock = clock;
    this.events = events;
    this.maxTotalBytes = maxTotalBytes;
    this.maxEntries = maxEntries;
  }

  /**
   * Builds the DB at {@code database} from {@code sources} (directories, {@code .zip} files or single
   * {@code .json} files), replacing any DB there.
   *
   * @throws DrydockException INVALID_INPUT / NOT_FOUND for unusable sources, DB when the DB cannot be written
   */
  public ImportSummary importFrom(List<Path> sources, Path database) {
    if (sources.isEmpty()) {
      throw DrydockException.usage("Tried to import vulnerability data but failed because: no source was given");
    }
    for (Path s : sources) {
      if (!Files.exists(s)) {
        throw DrydockException.notFound("Tried to import vulnerability data from " + s + " but failed because: it does not exist");
      }
    }
    Path target = database.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".importing");
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.DB, "Tried to create the vulnerability DB in " + dir + " but failed because: " + e, e);
    }
    boolean done = false;
    try {
      Run run = new Run(tmp);
      try {
        for (Path s : sources) {
          run.source(s);
          run.sources.add(s.toAbsolutePath().toString());
        }
        run.finish();
      } finally {
        run.close();
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      done = true;
      return new ImportSummary(target, run.stored, run.withdrawn, run.duplicates, run.secdb.notAffected() + run.tracker.notAffected(), run.skips, run.now,
          run.skipCount, run.fromAliases);
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.DB, "Tried to write the vulnerability DB " + target + " but failed because: " + e, e);
    } catch (SQLException e) {
      throw new DrydockException(ErrorKind.DB, "Tried to write the vulnerability DB " + target + " but failed because: " + e.getMessage(), e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          events.warn("could not delete the unfinished DB " + tmp + ": " + e.getMessage());
        }
      }
    }
  }

  /** One import into one new DB file. */
  private final class Run implements AutoCloseable {
    final Instant now = clock.instant();
    final Connection db;
    final PreparedStatement insertAdvisory;
    final PreparedStatement insertAffected;
    final PreparedStatement insertAlias;
    final PreparedStatement modifiedOf;
    final AlpineSecdb secdb = new AlpineSecdb();
    final DebianTracker tracker = new DebianTracker();
    final List<Skip> skips = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
    final List<String> sources = new ArrayList<>();
    long skipCount;
    long stored;
    long withdrawn;
    long duplicates;
    long totalBytes;
    long fromAliases;
    long entries;
    int pending;
    String currentSource = "";

    Run(Path file) throws SQLException {
      db = VulnDbSchema.createForImport(file);
      insertAdvisory = db.prepareStatement(
          "INSERT INTO advisories (id, modified, withdrawn, severity, severity_from, cvss_vector, data_source, json)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      insertAffected = db.prepareStatement("INSERT INTO affected (ecosystem, package, advisory_id) VALUES (?, ?, ?)");
      insertAlias = db.prepareStatement("INSERT INTO aliases (advisory_id, alias) VALUES (?, ?)");
      modifiedOf = db.prepareStatement("SELECT modified, withdrawn FROM advisories WHERE id = ?");
    }

    void source(Path s) throws IOException, SQLException {
      if (Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(s, MAX_DEPTH, EnumSet.noneOf(FileVisitOption.class).toArray(new FileVisitOption[0]))) {
          files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path f : files) {
          file(f, s.relativize(f).toString());
        }
      } else {
        file(s, s.getFileName().toString());
      }
    }

    private void file(Path f, String where) throws IOException, SQLException {
      String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
      currentSource = where;
      if (name.endsWith(".zip")) {
        zip(f, where);
      } else if (name.endsWith(".json")) {
        long size = Files.size(f);
        if (size > OsvJson.MAX_RECORD_BYTES) {
          if (size <= MAX_TRACKER_BYTES && DebianTracker.isTrackerFile(f)) {
            countEntry(size, where);
            try (InputStream in = Files.newInputStream(f)) {
              tracker.read(in);
            } catch (IOException e) {
              throw DrydockException.invalidInput("Tried to read the Debian tracker JSON " + f + " but failed because: " + e.getMessage());
            }
            return;
          }
          skip(where, "file larger than " + OsvJson.MAX_RECORD_BYTES + " bytes");
          return;
        }
        countEntry(size, where);
        document(Files.readAllBytes(f), where);
      } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        skip(where, "YAML is not read; import the JSON form of the records");
      }
    }

    private void zip(Path f, String where) throws IOException, SQLException {
      try (ZipFile zf = new ZipFile(f.toFile())) {
        Iterator<? extends ZipEntry> it = zf.entries().asIterator();
        while (it.hasNext()) {
          ZipEntry e = it.next();
          String entryWhere = where + "!/" + e.getName();
          if (e.isDirectory() || !e.getName().toLowerCase(Locale.ROOT).endsWith(".json")) {
            continue;
          }
          if (e.getSize() > OsvJson.MAX_RECORD_BYTES) {
            countEntry(0, entryWhere);
            skip(entryWhere, "entry larger than " + OsvJson.MAX_RECORD_BYTES + " bytes");
            continue;
          }
          byte[] data;
          try (InputStream in = zf.getInputStream(e)) {
            data = in.readNBytes(OsvJson.MAX_RECORD_BYTES + 1);
          }
          countEntry(data.length, entryWhere);
          if (data.length > OsvJson.MAX_RECORD_BYTES) {
            skip(entryWhere, "entry inflates to more than " + OsvJson.MAX_RECORD_BYTES + " bytes");
            continue;
          }
          document(data, entryWhere);
        }
      } catch (java.util.zip.ZipException e) {
        throw DrydockException.invalidInput("Tried to read the OSV zip " + f + " but failed because: " + e.getMessage());
      }
    }

    private void countEntry(long bytes, String where) {
      entries++;
      totalBytes += bytes;
      if (entries > maxEntries || totalBytes > maxTotalBytes) {
        throw DrydockException.invalidInput(
            "Tried to import " + where + " but failed because: the sources hold more than " + maxEntries
                + " records or " + maxTotalBytes + " bytes (a zip bomb?); the previous DB was kept");
      }
    }

    private void document(byte[] data, String where) throws SQLException {
      JsonNode tree;
      try {
        tree = OsvJson.tree(data);
      } catch (OsvJson.MalformedRecordException e) {
        skip(where, e.getMessage());
        return;
      }
      if (tree.has("id")) {
        try {
          store(OsvJson.parse(tree));
        } catch (OsvJson.MalformedRecordException e) {
          skip(where, e.getMessage());
        }
      } else if (DebianTracker.looksLikeTracker(tree)) {
        try {
          tracker.read(tree);
        } catch (IOException e) {
          skip(where, "Debian tracker JSON: " + e.getMessage());
        }
      } else if (AlpineSecdb.looksLikeSecdb(tree)) {
        String reason = secdb.add(tree);
        if (reason != null) {
          skip(where, reason);
        }
      } else {
        skip(where, "neither an OSV record (no id) nor an Alpine secdb document");
      }
    }

    void store(Advisory a) throws SQLException {
      String modified = a.modified() == null ? "" : a.modified().toString();
      if (!seen.add(a.id())) {
        duplicates++;
        flush();
        modifiedOf.setString(1, a.id());
        String old = "";
        boolean oldWithdrawn = false;
        try (ResultSet rs = modifiedOf.executeQuery()) {
          if (rs.next()) {
            old = rs.getString(1);
            oldWithdrawn = rs.getInt(2) == 1;
          }
        }
        if (modified.compareTo(old == null ? "" : old) <= 0) {
          return;
        }
        try (PreparedStatement del = db.prepareStatement("DELETE FROM advisories WHERE id = ?");
            PreparedStatement delAff = db.prepareStatement("DELETE FROM affected WHERE advisory_id = ?");
            PreparedStatement delAl = db.prepareStatement("DELETE FROM aliases WHERE advisory_id = ?")) {
          for (PreparedStatement p : List.of(del, delAff, delAl)) {
            p.setString(1, a.id());
            p.executeUpdate();
          }
        }
        stored--;
        if (oldWithdrawn) {
          withdrawn--;
        }
      }
      insertAdvisory.setString(1, a.id());
      insertAdvisory.setString(2, modified);
      insertAdvisory.setInt(3, a.isWithdrawn() ? 1 : 0);
      insertAdvisory.setString(4, a.severity().name());
      insertAdvisory.setString(5, a.cvss() != null ? "cvss" : a.severity() != Severity.UNKNOWN ? "record" : "none");
      insertAdvisory.setString(6, a.cvss() == null ? null : a.cvss().vector());
      insertAdvisory.setString(7, a.dataSource());
      insertAdvisory.setBytes(8, OsvJson.write(a));
      insertAdvisory.addBatch();
      Set<String> keys = new LinkedHashSet<>();
      for (Advisory.Affected af : a.affected()) {
        if (keys.add(af.ecosystem() + "\u0000" + PackageNames.normalize(af.ecosystem(), af.name()))) {
          insertAffected.setString(1, af.ecosystem());
          insertAffected.setString(2, PackageNames.normalize(af.ecosystem(), af.name()));
          insertAffected.setString(3, a.id());
          insertAffected.addBatch();
        }
      }
      for (String alias : new LinkedHashSet<>(a.aliases())) {
        insertAlias.setString(1, a.id());
        insertAlias.setString(2, alias);
        insertAlias.addBatch();
      }
      stored++;
      if (a.isWithdrawn()) {
        withdrawn++;
      }
      if (++pending >= 5000) {
        flush();
        events.progress("db import", currentSource, stored, -1);
      }
    }

    private void flush() throws SQLException {
      if (pending > 0) {
        insertAdvisory.executeBatch();
        insertAffected.executeBatch();
        insertAlias.executeBatch();
        pending = 0;
      }
    }

    void skip(String where, String reason) {
      skipCount++;
      if (skips.size() < MAX_SKIPS_KEPT) {
        skips.add(new Skip(where, reason));
      }
    }

    void finish() throws SQLException {
      currentSource = "Alpine secdb";
      for (Advisory a : secdb.advisories()) {
        store(a);
      }
      currentSource = "Debian tracker";
      for (Advisory a : tracker.advisories()) {
        store(a);
      }
      for (String reason : tracker.skips()) {
        skip("Debian tracker", reason);
      }
      flush();
      if (skipCount > skips.size()) {
        skips.add(new Skip("(more)", (skipCount - skips.size()) + " further skips not listed"));
      }
      try (Statement st = db.createStatement()) {
        for (String ddl : VulnDbSchema.INDEXES) {
          st.execute(ddl);
        }
      }
      fromAliases = AliasSeverities.resolve(db);
      try (Statement st = db.createStatement()) {
        st.execute(
            "INSERT INTO ecosystems (ecosystem, advisories) SELECT ecosystem, COUNT(DISTINCT advisory_id) FROM affected"
                + " GROUP BY ecosystem");
      }
      try (PreparedStatement ps = db.prepareStatement("INSERT INTO skips (where_, reason) VALUES (?, ?)")) {
        for (Skip s : skips) {
          ps.setString(1, s.where());
          ps.setString(2, s.reason());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      VulnDbSchema.writeMeta(db, now, stored, skipCount, sources, fromAliases);
      db.commit();
      events.progress("db import", "done", stored, stored);
    }

    @Override
    public void close() throws SQLException {
      db.close();
    }
  }
}
