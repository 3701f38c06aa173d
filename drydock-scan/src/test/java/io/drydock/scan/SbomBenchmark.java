package io.drydock.scan;

import io.drydock.image.ImageOptions;
import io.drydock.model.event.EventSink;
import io.drydock.scan.db.VulnDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * SBOM (and scan) speed in one JVM, for bench/sbom.sh: builds the SBOM of IMAGE ROUNDS times through
 * {@link ScanService} without the layer cache (and matches it against --db), one line per round, then the cold
 * time, the best and the median of the warm rounds. JVM start-up is left out on purpose; bench/sbom.sh times a
 * fresh {@code drydock sbom} process separately. (Was the hidden {@code drydock bench sbom} command.)
 *
 * <pre>java -cp … io.drydock.scan.SbomBenchmark [--rounds N] [--db FILE] [--work-dir DIR] IMAGE</pre>
 */
public final class SbomBenchmark {
  private SbomBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = 7;
    Path db = null;
    Path workDir = null;
    String image = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--db" -> db = Path.of(args[++i]);
        case "--work-dir" -> workDir = Path.of(args[++i]);
        case "--no-cache" -> { } // always: accepted for the old command line
        default -> image = args[i];
      }
    }
    if (image == null || rounds < 1) {
      System.err.println("usage: SbomBenchmark [--rounds N] [--db FILE] [--work-dir DIR] IMAGE");
      System.exit(2);
    }
    Path work = workDir != null ? workDir : Files.createTempDirectory("drydock-bench");
    run(image, rounds, db, work);
  }

  static void run(String image, int rounds, @Nullable Path db, Path workDir) throws Exception {
    ScanService service = ScanService.create(null, workDir, EventSink.NONE, Clock.systemUTC());
    ImageOptions options = ImageOptions.defaults(workDir);
    List<Double> times = new ArrayList<>();
    int packages = 0;
    try (VulnDb vulnDb = db == null ? null : VulnDb.open(db)) {
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        SbomBuilder.Result r = service.inventory(image, options);
        int findings = vulnDb == null ? -1 : service.match(vulnDb, r.sbom()).findings().size();
        double s = (System.nanoTime() - t0) / 1e9;
        packages = r.sbom().packages().size();
        times.add(s);
        System.out.printf(Locale.ROOT, "round %d: %.3f s (%d packages%s)%n", i + 1, s, packages,
            findings < 0 ? "" : ", " + findings + " findings");
      }
    }
    List<Double> warm = new ArrayList<>(times.subList(Math.min(1, times.size() - 1), times.size()));
    Collections.sort(warm);
    System.out.printf(Locale.ROOT, "cold %.3f s, best %.3f s, median %.3f s, packages %d%n", times.get(0), warm.get(0),
        warm.get(warm.size() / 2), packages);
    System.out.flush();
  }
}
