package io.drydock.cli.ledger;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.model.event.LedgerEvent;
import io.drydock.scan.db.VulnDb;
import io.drydock.store.Ledger;
import io.drydock.store.Recorded;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drydock rescan}: re-match every stored SBOM against the current vulnerability DB, without pulling images. */
@Command(name = "rescan", header = "Re-match every stored SBOM against the vulnerability DB.", mixinStandardHelpOptions = true,
    description = {"Re-match every SBOM kept in the ledger against the vulnerability DB and record what changed: new findings",
        "(FindingAppeared) and findings that no longer apply (FindingFixed). No image is pulled. 'drydock db update' and",
        "'drydock db import' do this on their own when a ledger exists."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Rescanned.", " 2:Usage error.", " 3:Corrupt ledger.", " 6:Database unreachable.", " 7:No vulnerability DB."},
    footer = {"", "Examples:", "  drydock rescan", "  drydock rescan --db vulndb.sqlite --verbose"})
public final class RescanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin LedgerOptions ledger;
  @Mixin ImageOptionsMixin imageOptions;

  @Option(names = "--db", paramLabel = "FILE", description = "Vulnerability DB (default: <cache-dir>/vulndb.sqlite).")
  @Nullable Path db;

  @Option(names = {"-v", "--verbose"}, description = "List every event, not only the summary.")
  boolean verbose;

  @Override
  public Integer call() {
    Path file = imageOptions.vulnDbFile(db);
    try (VulnDb vulnDb = VulnDb.open(file); Ledger l = ledger.open()) {
      run(l, vulnDb, ledger.actor(), spec.commandLine().getOut(), verbose);
    }
    return 0;
  }

  static void run(Ledger l, VulnDb vulnDb, String actor, PrintWriter out, boolean verbose) {
    Ledger.RescanResult r = l.rescan(actor, Analysis.matcher(vulnDb));
    if (verbose) {
      for (Recorded e : r.events()) {
        if (!(e.event() instanceof LedgerEvent.RescanCompleted)) {
          out.println("  " + e.event().summary());
        }
      }
    }
    out.println("rescanned " + r.images() + " stored SBOMs in " + l.location() + ": " + r.appeared() + " new findings, "
        + r.fixed() + " fixed");
  }

  /** The rescan's matcher over {@code vulnDb} (see {@link Analysis#matcher}); for benchmarks and a server. */
  public static java.util.function.Function<io.drydock.model.Sbom, java.util.List<io.drydock.store.StoredFinding>> matcher(VulnDb vulnDb) {
    return Analysis.matcher(vulnDb);
  }

  /** After a DB update or import: rescan when a ledger exists (a missing default ledger file is not created). */
  public static void afterDbUpdate(CommandSpec spec, Path dbFile) {
    String location = LedgerOptions.location(null, System.getenv(), Path.of(System.getProperty("user.home")));
    if (!location.startsWith("jdbc:") && !Files.isRegularFile(Path.of(location))) {
      return;
    }
    try (VulnDb vulnDb = VulnDb.open(dbFile); Ledger l = Ledger.open(location, java.time.Clock.systemUTC())) {
      run(l, vulnDb, new LedgerOptions().actor(), spec.commandLine().getOut(), false);
    } catch (io.drydock.model.DrydockException e) {
      Console.of(spec).warn("the DB was updated but the ledger could not be rescanned: " + e.getMessage());
    }
  }
}
