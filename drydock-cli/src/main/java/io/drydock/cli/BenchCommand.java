package io.drydock.cli;

import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.scan.SbomBuilder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code drydock bench sbom IMAGE}: times SBOM generation in one JVM, so the figure is the work itself and not
 * JVM start-up. Used by bench/sbom.sh, which divides it by the {@code gzip -dc} floor measured in the same run.
 */
@Command(name = "bench", hidden = true, mixinStandardHelpOptions = true,
    description = "Benchmarks for bench/*.sh (not a stable interface).",
    subcommands = {BenchCommand.Sbom.class},
    exitCodeListHeading = "%nExit codes:%n", exitCodeList = {" 0:Done.", " 2:Usage error."})
final class BenchCommand {

  @Command(name = "sbom", mixinStandardHelpOptions = true,
      description = "Build the SBOM of IMAGE ROUNDS times without the layer cache (and match it with --db); print one line per round and the best and median.",
      exitCodeListHeading = "%nExit codes:%n", exitCodeList = {" 0:Done.", " 2:Usage error.", " 3-6:As for 'drydock sbom'."})
  static final class Sbom implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "IMAGE") String image;

    @Option(names = "--db", paramLabel = "FILE", description = "Also match each SBOM against this vulnerability DB (times a scan).")
    java.nio.file.@org.jspecify.annotations.Nullable Path db;

    @Option(names = "--rounds", defaultValue = "7", description = "Rounds to time (default: ${DEFAULT-VALUE}); the first is also reported as cold.")
    int rounds;

    @Mixin ImageOptionsMixin imageOptions;

    @Override
    public Integer call() throws Exception {
      io.drydock.scan.ScanService service = io.drydock.scan.ScanService.create(null, imageOptions.workDir(),
          io.drydock.model.event.EventSink.NONE, java.time.Clock.systemUTC());
      PrintStream out = Main.stdout(spec);
      List<Double> times = new ArrayList<>();
      int packages = 0;
      try (io.drydock.scan.db.VulnDb vulnDb = db == null ? null : io.drydock.scan.db.VulnDb.open(db)) {
        for (int i = 0; i < rounds; i++) {
          long t0 = System.nanoTime();
          SbomBuilder.Result r = service.inventory(image, imageOptions.toImageOptions());
          int findings = vulnDb == null ? -1 : service.match(vulnDb, r.sbom()).findings().size();
          double s = (System.nanoTime() - t0) / 1e9;
          packages = r.sbom().packages().size();
          times.add(s);
          out.printf(Locale.ROOT, "round %d: %.3f s (%d packages%s)%n", i + 1, s, packages,
              findings < 0 ? "" : ", " + findings + " findings");
        }
      }
      List<Double> warm = new ArrayList<>(times.subList(Math.min(1, times.size() - 1), times.size()));
      Collections.sort(warm);
      out.printf(Locale.ROOT, "cold %.3f s, best %.3f s, median %.3f s, packages %d%n", times.get(0), warm.get(0),
          warm.get(warm.size() / 2), packages);
      out.flush();
      return 0;
    }
  }
}
