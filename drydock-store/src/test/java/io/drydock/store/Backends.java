package io.drydock.store;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The databases every store test runs against: a SQLite file, and the real PostgreSQL that scripts/test-env.sh
 * starts (DRYDOCK_TEST_PG_URL). Under the test environment (DRYDOCK_TEST_ENV set) a missing PostgreSQL fails the
 * run instead of skipping it.
 */
final class Backends {
  private Backends() {}

  static Stream<String> names() {
    String pg = System.getenv("DRYDOCK_TEST_PG_URL");
    if (pg == null && System.getenv("DRYDOCK_TEST_ENV") != null) {
      throw new IllegalStateException("DRYDOCK_TEST_ENV is set but DRYDOCK_TEST_PG_URL is not: run eval \"$(scripts/test-env.sh env)\"");
    }
    return pg == null ? Stream.of("sqlite") : Stream.of("sqlite", "postgresql");
  }

  /** A fresh, empty database of the named kind: a new file, or a new PostgreSQL schema. */
  static String fresh(String backend, Path dir) throws Exception {
    if (backend.equals("sqlite")) {
      return dir.resolve("ledger-" + UUID.randomUUID() + ".sqlite").toString();
    }
    String url = System.getenv("DRYDOCK_TEST_PG_URL");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
      s.execute("create schema " + schema);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  static void sql(String location, List<String> statements) throws Exception {
    String url = location.startsWith("jdbc:") ? location : "jdbc:sqlite:" + location;
    try (var c = DriverManager.getConnection(url); var s = c.createStatement()) {
      for (String st : statements) {
        s.execute(st);
      }
    }
  }
}
