package io.drydock.scan.db;

import io.drydock.model.Advisory;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.Skip;
import io.drydock.scan.match.PackageNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The vulnerability DB built by {@link VulnDbImporter}, opened read-only. Thread-safe (one connection, calls
 * serialized).
 */
public final class VulnDb implements AutoCloseable {

  /** What the DB says about itself. */
  public record Metadata(int schemaVersion, Instant lastUpdate, long advisories) {}

  private final Path file;
  private final Connection db;
  private final Metadata metadata;

  private VulnDb(Path file, Connection db, Metadata metadata) {
    this.file = file;
    this.db = db;
    this.metadata = metadata;
  }

  /** The default DB file: {@code $XDG_CACHE_HOME/drydock/vulndb.sqlite}, else {@code ~/.cache/drydock/vulndb.sqlite}. */
  public static Path defaultFile(Map<String, String> env, Path userHome) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : userHome.resolve(".cache");
    return cache.resolve("drydock").resolve("vulndb.sqlite");
  }

  /**
   * Opens the DB read-only.
   *
   * @throws DrydockException DB when it is missing, unreadable or of another schema version
   */
  public static VulnDb open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DrydockException(
          ErrorKind.DB, "Tried to open the vulnerability DB " + file + " but failed because: it does not exist (run drydock db update or drydock db import)");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    Connection c = null;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
      int version;
      String lastUpdate = null;
      long count = 0;
      try (Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT version FROM schema_version")) {
          version = rs.next() ? rs.getInt(1) : -1;
        }
        if (version != VulnDbSchema.VERSION) {
          throw new DrydockException(
              ErrorKind.DB,
              "Tried to open the vulnerability DB " + file + " but failed because: its schema version is " + version
                  + " and this drydock reads " + VulnDbSchema.VERSION + " (run drydock db update or drydock db import)");
        }
        try (ResultSet rs = st.executeQuery("SELECT key, value FROM meta")) {
          while (rs.next()) {
            if (rs.getString(1).equals("last_update")) {
              lastUpdate = rs.getString(2);
            } else if (rs.getString(1).equals("advisories")) {
              count = Long.parseLong(rs.getString(2));
            }
          }
        }
      }
      Instant updated = lastUpdate == null ? Instant.EPOCH : Instant.parse(lastUpdate);
      return new VulnDb(file, c, new Metadata(version, updated, count));
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      if (e instanceof DrydockException d) {
        throw d;
      }
      throw new DrydockException(
          ErrorKind.DB, "Tried to open the vulnerability DB " + file + " but failed because: " + e.getMessage() + " (run drydock db import again)", e);
    }
  }

  public Metadata metadata() {
    return metadata;
  }

  /**
   * What {@code drydock db status} shows.
   *
   * @param ecosystems advisories per OSV ecosystem as stored ({@code Debian:12}, {@code Maven})
   * @param skipped records or files skipped by the import that built the DB
   * @param skips the first skips with their reasons (at most 1000)
   * @param severityFromAliases records whose severity came from an alias's record
   * @param sources what the DB was built from (files, zips)
   */
  public record Status(
      Metadata metadata, Map<String, Long> ecosystems, long skipped, List<Skip> skips, long severityFromAliases, List<String> sources) {
    public Status {
      ecosystems = Map.copyOf(ecosystems);
      skips = List.copyOf(skips);
      sources = List.copyOf(sources);
    }
  }

  public synchronized Status status() {
    try (Statement st = db.createStatement()) {
      Map<String, Long> ecosystems = new java.util.TreeMap<>();
      try (ResultSet rs = st.executeQuery("SELECT ecosystem, advisories FROM ecosystems")) {
        while (rs.next()) {
          ecosystems.put(rs.getString(1), rs.getLong(2));
        }
      }
      List<Skip> skips = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT where_, reason FROM skips")) {
        while (rs.next()) {
          skips.add(new Skip(rs.getString(1), rs.getString(2)));
        }
      }
      Map<String, String> meta = new java.util.HashMap<>();
      try (ResultSet rs = st.executeQuery("SELECT key, value FROM meta")) {
        while (rs.next()) {
          meta.put(rs.getString(1), rs.getString(2));
        }
      }
      String sources = meta.getOrDefault("sources", "");
      return new Status(metadata, ecosystems, Long.parseLong(meta.getOrDefault("skipped", "0")), skips,
          Long.parseLong(meta.getOrDefault("severity_from_aliases", "0")),
          sources.isEmpty() ? List.of() : List.of(sources.split("\n")));
    } catch (SQLException | NumberFormatException e) {
      throw new DrydockException(ErrorKind.DB, "Tried to read the status of the vulnerability DB " + file + " but failed because: " + e.getMessage(), e);
    }
  }

  /**
   * Every advisory (withdrawn ones included, flagged) with an affected entry for {@code name} in
   * {@code ecosystem} (exactly as OSV writes it, e.g. {@code Alpine:v3.20}); PyPI names are compared per PEP 503.
   */
  public synchronized List<Advisory> advisories(String ecosystem, String name) {
    String sql =
        "SELECT a.json FROM advisories a WHERE a.id IN"
            + " (SELECT advisory_id FROM affected WHERE ecosystem = ? AND package = ?) ORDER BY a.id";
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setString(1, ecosystem);
      ps.setString(2, PackageNames.normalize(ecosystem, name));
      return read(ps);
    } catch (SQLException e) {
      throw failure("look up " + ecosystem + "/" + name, e);
    }
  }

  /** The advisory with this id, or else the advisories that list it as an alias. */
  public synchronized List<Advisory> byIdOrAlias(String id) {
    String sql =
        "SELECT json FROM advisories WHERE id = ? UNION SELECT a.json FROM advisories a JOIN aliases l"
            + " ON l.advisory_id = a.id WHERE l.alias = ?";
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      ps.setString(1, id);
      ps.setString(2, id);
      return read(ps);
    } catch (SQLException e) {
      throw failure("look up " + id, e);
    }
  }

  public Optional<Advisory> byId(String id) {
    return byIdOrAlias(id).stream().filter(a -> a.id().equals(id)).findFirst();
  }

  private List<Advisory> read(PreparedStatement ps) throws SQLException {
    List<Advisory> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        try {
          out.add(OsvJson.parse(rs.getBytes(1)));
        } catch (OsvJson.MalformedRecordException e) {
          throw new DrydockException(
              ErrorKind.DB, "Tried to read an advisory from " + file + " but failed because: " + e.getMessage() + " (run drydock db import again)");
        }
      }
    }
    return out;
  }

  private DrydockException failure(String what, SQLException e) {
    return new DrydockException(ErrorKind.DB, "Tried to " + what + " in the vulnerability DB " + file + " but failed because: " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    closeQuietly(db);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // nothing left to release
      }
    }
  }
}
