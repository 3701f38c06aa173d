package io.drydock.cli.ledger;

import io.drydock.store.Ledger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --ledger}: where the ledger is. Zero config: a SQLite file under the data directory. */
public final class LedgerOptions {
  @Option(names = "--ledger", paramLabel = "FILE|JDBC-URL",
      description = "The ledger: a SQLite file, or jdbc:postgresql://HOST:PORT/DB?user=…&password=… for a shared one "
          + "(default: $DRYDOCK_LEDGER, else $XDG_DATA_HOME/drydock/ledger.sqlite or ~/.local/share/drydock/ledger.sqlite).")
  @Nullable String ledger;

  @Option(names = "--actor", paramLabel = "NAME", description = "Who is recorded as doing this (default: $DRYDOCK_ACTOR, else the user name).")
  @Nullable String actor;

  /** The location in effect. */
  public String location() {
    return location(ledger, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static String location(@Nullable String given, Map<String, String> env, Path home) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    String fromEnv = env.get("DRYDOCK_LEDGER");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    String xdg = env.get("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share");
    return base.resolve("drydock").resolve("ledger.sqlite").toString();
  }

  public Ledger open() {
    return Ledger.open(location(), Clock.systemUTC());
  }

  public String actor() {
    if (actor != null && !actor.isBlank()) {
      return actor;
    }
    String env = System.getenv("DRYDOCK_ACTOR");
    return env != null && !env.isBlank() ? env : System.getProperty("user.name", "unknown");
  }
}
