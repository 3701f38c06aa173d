package io.drydock.cli;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.Table;
import io.drydock.model.Skip;
import io.drydock.scan.db.ImportSummary;
import io.drydock.scan.db.UpdateOptions;
import io.drydock.scan.db.VulnDb;
import io.drydock.scan.db.VulnDbImporter;
import io.drydock.scan.db.VulnDbUpdater;
import io.drydock.scan.LayerCache;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock db update|import|status}: the vulnerability database. */
@Command(
    name = "db",
    header = "Manage the vulnerability database.",
    footer = {"", "Examples:",
        "  drydock db update",
        "  drydock db status"},
    mixinStandardHelpOptions = true,
    description = {"Manage the vulnerability database (OSV records in SQLite under the cache directory)."},
    subcommands = {DbCommand.Update.class, DbCommand.Import.class, DbCommand.Status.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Success.", " 2:Usage error."})
final class DbCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every db subcommand has. */
  static final class CacheOption {
    @Option(names = "--cache-dir", paramLabel = "DIR",
        description = "Directory of the DB (vulndb.sqlite) and the downloaded exports (default: $XDG_CACHE_HOME/drydock or ~/.cache/drydock).")
    @Nullable Path cacheDir;

    Path dir() {
      Path dir = cacheDir != null ? cacheDir : LayerCache.defaultDir(System.getenv(), Path.of(System.getProperty("user.home")));
      io.drydock.cli.support.ImageOptionsMixin.workDirUnder(dir);
      return dir;
    }
  }

  @Command(
      name = "update",
      header = "Download the OSV exports that changed and rebuild the DB.",
      mixinStandardHelpOptions = true,
      description = {
        "Download the OSV exports ({repository}/{ecosystem}/all.zip) that changed since the last update and rebuild the DB.",
        "Conditional requests (ETag / Last-Modified) make an unchanged export cost one request. A failed update leaves the",
        "previous DB usable."
      },
      footer = {"", "Examples:", "  drydock db update", "  drydock db update --ecosystem Debian,Alpine,Maven",
          "  DRYDOCK_DB_REPOSITORY=https://mirror.example/osv drydock db update"},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:DB up to date.", " 2:Usage error.", " 3:A download is not a readable zip or too large.",
          " 4:The repository has no export for an ecosystem.", " 6:Repository unreachable (after retries).", " 7:DB could not be written."})
  static final class Update implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin CacheOption cache;

    @Option(names = "--db-repository", paramLabel = "URL",
        description = "Base URL of the OSV exports (default: $DRYDOCK_DB_REPOSITORY, else " + "https://osv-vulnerabilities.storage.googleapis.com).")
    @Nullable String repository;

    @Option(names = "--ecosystem", paramLabel = "NAME", split = ",",
        description = "OSV ecosystems to fetch (repeatable or comma-separated). Default: Debian, Ubuntu, Alpine, Red Hat, AlmaLinux, "
            + "Rocky Linux, SUSE, openSUSE, Wolfi, Chainguard, Maven, npm, PyPI, Go, crates.io, RubyGems, NuGet.")
    List<String> ecosystems = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
        description = "Connect and idle timeout per request (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
      Console console = Console.of(spec);
      UpdateOptions defaults = UpdateOptions.of(UpdateOptions.repository(repository, System.getenv()),
          ecosystems.isEmpty() ? UpdateOptions.DEFAULT_ECOSYSTEMS : ecosystems, cache.dir());
      Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
      UpdateOptions options = new UpdateOptions(defaults.repository(), defaults.ecosystems(), defaults.cacheDir(), timeout, timeout,
          defaults.retries(), defaults.retryBackoff(), defaults.maxDownloadBytes());
      VulnDbUpdater.Result r = new VulnDbUpdater(VulnDbUpdater.httpClient(timeout), Clock.systemUTC(), console).update(options);
      PrintStream out = Main.stdout(spec);
      for (VulnDbUpdater.Fetch f : r.fetches()) {
        out.println(String.format(Locale.ROOT, "%-12s %s%s", f.ecosystem(),
            f.outcome() == VulnDbUpdater.Outcome.DOWNLOADED ? "downloaded " : "not modified",
            f.outcome() == VulnDbUpdater.Outcome.DOWNLOADED ? Console.bytes(f.bytes()) : ""));
      }
      if (r.imported() != null) {
        summary(out, r.imported());
      } else {
        out.println("DB unchanged: " + options.database());
      }
      return 0;
    }
  }

  @Command(
      name = "import",
      header = "Build the DB offline from OSV and Alpine secdb files.",
      mixinStandardHelpOptions = true,
      description = {"Build the DB offline from OSV JSON files, directories or export zips, and Alpine secdb documents."},
      footer = {"", "Examples:", "  drydock db import ~/osv/Debian/all.zip ~/osv/Maven/all.zip", "  drydock db import ./advisories/"},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:DB built.", " 2:Usage error.", " 3:A zip is unreadable or a zip bomb.", " 4:A source does not exist.",
          " 7:DB could not be written."})
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin CacheOption cache;

    @Parameters(paramLabel = "DIR|ZIP|JSON", arity = "1..*", description = "Sources; every record of all of them goes into one new DB.")
    List<Path> sources;

    @Override
    public Integer call() {
      Path db = cache.dir().resolve("vulndb.sqlite");
      ImportSummary s = new VulnDbImporter(Clock.systemUTC(), Console.of(spec)).importFrom(sources, db);
      summary(Main.stdout(spec), s);
      return 0;
    }
  }

  @Command(
      name = "status",
      header = "Show the DB's schema, age, record counts and origin.",
      footer = {"", "Examples:",
          "  drydock db status",
          "  drydock db status --cache-dir /var/cache/drydock"},
      mixinStandardHelpOptions = true,
      description = {"Show the DB: schema version, age, record counts per ecosystem, skipped records and where it came from."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:Shown.", " 2:Usage error.", " 7:No DB, or one of another schema version (run drydock db update)."})
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin CacheOption cache;

    @Override
    public Integer call() {
      Path file = cache.dir().resolve("vulndb.sqlite");
      PrintStream out = Main.stdout(spec);
      try (VulnDb db = VulnDb.open(file)) {
        VulnDb.Status s = db.status();
        Duration age = Duration.between(s.metadata().lastUpdate(), Clock.systemUTC().instant());
        out.println("DB:              " + file);
        out.println("Schema version:  " + s.metadata().schemaVersion());
        out.println("Updated:         " + s.metadata().lastUpdate() + " (" + age.toHours() + " h ago)");
        out.println("Advisories:      " + s.metadata().advisories());
        out.println("Skipped:         " + s.skipped());
        out.println("Severity from aliases: " + s.severityFromAliases());
        out.println();
        Table t = new Table("ECOSYSTEM", "ADVISORIES");
        s.ecosystems().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> t.row(e.getKey(), e.getValue()));
        out.print(t.render());
        List<VulnDbUpdater.CachedExport> cached = VulnDbUpdater.cached(cache.dir());
        out.println();
        if (!cached.isEmpty()) {
          out.println("Sources (" + cached.get(0).repository() + "):");
          Table src = new Table("ECOSYSTEM", "FETCHED", "SIZE", "ETAG", "LAST-MODIFIED");
          cached.forEach(c -> src.row(c.ecosystem(), c.fetchedAt(), Console.bytes(c.bytes()), c.etag(), c.lastModified()));
          out.print(src.render());
        } else {
          out.println("Sources (imported):");
          s.sources().forEach(x -> out.println("  " + x));
        }
        if (!s.skips().isEmpty()) {
          out.println();
          out.println("Skipped records (first " + Math.min(20, s.skips().size()) + "):");
          s.skips().stream().limit(20).forEach(k -> out.println("  " + k.where() + ": " + k.reason()));
        }
      }
      return 0;
    }
  }

  static void summary(PrintStream out, ImportSummary s) {
    out.println("Imported " + s.advisories() + " advisories (" + s.withdrawn() + " withdrawn, " + s.duplicates() + " duplicates, "
        + s.notAffected() + " not-affected secdb ids, " + s.severityFromAliases() + " with severity from an alias) into " + s.database());
    if (s.skipCount() > 0) {
      out.println("Skipped " + s.skipCount() + ":");
      for (Skip k : s.skips().subList(0, Math.min(20, s.skips().size()))) {
        out.println("  " + k.where() + ": " + k.reason());
      }
    }
  }
}
