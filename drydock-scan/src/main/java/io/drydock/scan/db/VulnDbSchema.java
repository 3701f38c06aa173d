package io.drydock.scan.db;

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
}
