package io.drydock.store;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens a ledger: picks the database by URL, checks it, migrates it with Flyway. */
final class Databases {
  private static final byte[] SQLITE_MAGIC = "SQLite format 3\u0000".getBytes(StandardCharsets.US_ASCII);

  private Databases() {}

  static Ledger open(String location, Clock clock) {
    String url = location.startsWith("jdbc:") ? location : "jdbc:sqlite:" + location;
    String shown = redact(url);
    DataSource ds;
    if (url.startsWith("jdbc:sqlite:")) {
      ds = sqlite(url, shown);
    } else if (url.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setUrl(url);
      pg.setConnectTimeout(5);
      pg.setLoginTimeout(5);
      ds = pg;
    } else {
      throw DrydockException.usage("unsupported ledger URL " + shown + ": give a file path, jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
    }
    try {
      Flyway.configure().dataSource(ds).locations("classpath:io/drydock/store/migration")
          .loggers("slf4j").failOnMissingLocations(true).load().migrate();
    } catch (RuntimeException e) {
      throw failure(shown, e);
    }
    return new Ledger(Jdbi.create(ds), clock, shown, () -> {});
  }

  private static DataSource sqlite(String url, String shown) {
    Path file = Path.of(url.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", ""));
    try {
      if (Files.isRegularFile(file) && Files.size(file) > 0) {
        byte[] head = new byte[SQLITE_MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
          int n = in.readNBytes(head, 0, head.length);
          if (n < head.length || !Arrays.equals(head, SQLITE_MAGIC)) {
            throw DrydockException.invalidInput("the ledger file " + file + " is not a SQLite database (corrupt or another file)");
          }
        }
      } else if (Files.isDirectory(file)) {
        throw DrydockException.invalidInput("the ledger path " + file + " is a directory");
      } else if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to open the ledger " + shown + " but failed because: " + e.getMessage(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(30_000);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl(url);
    return ds;
  }

  private static DrydockException failure(String shown, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String msg = sql.getMessage() == null ? sql.toString() : sql.getMessage().lines().findFirst().orElse("");
        if (state.startsWith("08") || t.getCause() instanceof java.net.ConnectException) {
          return new DrydockException(ErrorKind.UNREACHABLE, "Tried to open the ledger at " + shown + " but failed because: " + msg, e);
        }
        if (msg.contains("SQLITE_NOTADB") || msg.contains("SQLITE_CORRUPT") || msg.contains("malformed")) {
          return new DrydockException(ErrorKind.INVALID_INPUT, "the ledger " + shown + " is corrupt: " + msg, e);
        }
        if (state.startsWith("28")) {
          return new DrydockException(ErrorKind.AUTH, "Tried to open the ledger at " + shown + " but failed because: " + msg, e);
        }
        return new DrydockException(ErrorKind.INVALID_INPUT, "Tried to open the ledger at " + shown + " but failed because: " + msg, e);
      }
    }
    String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    return new DrydockException(ErrorKind.INVALID_INPUT, "Tried to open the ledger at " + shown + " but failed because: " + msg, e);
  }

  /** The URL without password parameters or user-info. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
  }
}
