package io.drydock.scan.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/** The SQLite layout of the vulnerability DB; {@link #VERSION} changes whenever it does. */
final class VulnDbSchema {
  static final int VERSION = 2;

  static final String[] CREATE = {
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    // severity_from: cvss (own vector), record (own database_specific.severity), alias (another record of the
    // same vulnerability), none
    "CREATE TABLE advisories (id TEXT PRIMARY KEY, modified TEXT, withdrawn INTEGER NOT NULL, severity TEXT NOT NULL,"
        + " severity_from TEXT NOT NULL, cvss_vector TEXT, data_source TEXT NOT NULL, json BLOB NOT NULL)",
    "CREATE TABLE affected (ecosystem TEXT NOT NULL, package TEXT NOT NULL, advisory_id TEXT NOT NULL)",
    "CREATE TABLE aliases (advisory_id TEXT NOT NULL, alias TEXT NOT NULL)",
    "CREATE TABLE ecosystems (ecosystem TEXT PRIMARY KEY, advisories INTEGER NOT NULL)",
    "CREATE TABLE skips (where_ TEXT NOT NULL, reason TEXT NOT NULL)",
  };

  /** Built after the bulk insert, which is faster than maintaining them row by row. */
  static final String[] INDEXES = {
    "CREATE INDEX affected_by_package ON affected (ecosystem, package)",
    "CREATE INDEX aliases_by_alias ON aliases (alias)",
    "CREATE INDEX aliases_by_advisory ON aliases (advisory_id)",
  };

  private VulnDbSchema() {}

  /**
   * A new, empty DB at {@code file} with the tables (indexes come after the bulk insert), tuned for one writer that
   * either finishes or throws the file away: no journal, no fsync, exclusive lock, in one transaction.
   */
  static Connection createForImport(Path file) throws SQLException {
    Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement st = db.createStatement()) {
      st.execute("PRAGMA journal_mode=OFF");
      st.execute("PRAGMA synchronous=OFF");
      st.execute("PRAGMA locking_mode=EXCLUSIVE");
      st.execute("PRAGMA temp_store=MEMORY");
      st.execute("PRAGMA cache_size=-65536");
      for (String ddl : CREATE) {
        st.execute(ddl);
      }
    } catch (SQLException e) {
      db.close();
      throw e;
    }
    db.setAutoCommit(false);
    return db;
  }

  /** The schema version and the import's metadata rows (last update, counts, sources). */
  static void writeMeta(Connection db, Instant now, long stored, long skipCount, List<String> sources, long fromAliases)
      throws SQLException {
    try (PreparedStatement v = db.prepareStatement("INSERT INTO schema_version (version) VALUES (?)");
        PreparedStatement m = db.prepareStatement("INSERT INTO meta (key, value) VALUES (?, ?)")) {
      v.setInt(1, VulnDbSchema.VERSION);
      v.executeUpdate();
      m.setString(1, "last_update");
      m.setString(2, now.toString());
      m.executeUpdate();
      m.setString(1, "advisories");
      m.setString(2, Long.toString(stored));
      m.executeUpdate();
      m.setString(1, "skipped");
      m.setString(2, Long.toString(skipCount));
      m.executeUpdate();
      m.setString(1, "sources");
      m.setString(2, String.join("\n", sources));
      m.executeUpdate();
      m.setString(1, "severity_from_aliases");
      m.setString(2, Long.toString(fromAliases));
      m.executeUpdate();
    }
  }
}
