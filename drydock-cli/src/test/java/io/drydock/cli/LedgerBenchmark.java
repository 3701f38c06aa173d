package io.drydock.cli;

import io.drydock.image.ImageOptions;
import io.drydock.model.Digest;
import io.drydock.model.Package;
import io.drydock.model.Sbom;
import io.drydock.model.event.EventSink;
import io.drydock.scan.Inventory;
import io.drydock.scan.db.VulnDb;
import io.drydock.store.Affected;
import io.drydock.store.InventoryEntry;
import io.drydock.store.Ledger;
import io.drydock.store.StoredFinding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * bench/ledger.sh: N stored SBOMs (default 10,000; the real Alpine 3.20.3 fixture's packages, read by drydock's
 * analyzers, with random packages dropped so the SBOMs differ) each run by one container in the inventory, in a
 * SQLite ledger. Measures (1) {@code rescan} after a DB update that adds openssl's advisories, against the floor of
 * matching the same SBOMs in memory with the same scanner and DB; (2) {@code affected CVE-2024-9143}, against
 * decoding every stored SBOM and looking for the package (what a store without a findings index would do).
 */
public final class LedgerBenchmark {
  private static final com.fasterxml.jackson.databind.ObjectMapper STORE_JSON = new com.fasterxml.jackson.databind.ObjectMapper()
      .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private LedgerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path images = args.length > 1 ? Path.of(args[1]) : Path.of("../testdata/images");
    Path tmp = Files.createTempDirectory("drydock-ledger-bench");
    try {
      run(count, images, tmp);
    } finally {
      try (Stream<Path> walk = Files.walk(tmp)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(int count, Path images, Path tmp) throws Exception {
    Path secdb = tmp.resolve("secdb");
    for (String origin : List.of("apk-tools", "busybox", "musl", "zlib")) {
      ScanFixtures.resource("/advisories/alpine/v3.20/main/" + origin + ".json", secdb);
    }
    Path before = ScanFixtures.importDb(Clock.systemUTC(), tmp.resolve("before.sqlite"), secdb);
    Path after = ScanFixtures.alpineDb(tmp.resolve("after"), Clock.systemUTC());
    Inventory inventory = Inventory.create(null, tmp.resolve("work"), EventSink.NONE);
    Sbom base = inventory.take("oci-archive:" + images.resolve("alpine-3.20.3.oci.tar").toAbsolutePath(),
        ImageOptions.defaults(tmp.resolve("work"))).sbom();
    Random random = new Random(42);
    List<Sbom> sboms = new ArrayList<>();
    List<Digest> digests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<Package> pkgs = new ArrayList<>();
      for (Package p : base.packages()) {
        if (p.name().equals("openssl") || p.name().startsWith("lib") || random.nextInt(10) > 0) {
          pkgs.add(p);
        }
      }
      sboms.add(new Sbom(base.image(), base.os(), pkgs, List.of()));
      digests.add(Digest.sha256(("image-" + i).getBytes(StandardCharsets.UTF_8)));
    }
    String file = tmp.resolve("ledger.sqlite").toString();
    long t0 = System.nanoTime();
    try (Ledger l = Ledger.open(file, Clock.systemUTC()); VulnDb db = VulnDb.open(before)) {
      var match = io.drydock.cli.ledger.RescanCommand.matcher(db);
      List<Ledger.NewSbom> batch = new ArrayList<>();
      List<InventoryEntry.Observation> seen = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        List<StoredFinding> f = match.apply(sboms.get(i));
        batch.add(new Ledger.NewSbom(digests.get(i), "registry.example/app-" + i + ":1", sboms.get(i), f));
        seen.add(new InventoryEntry.Observation("container", "host" + (i % 50) + "/app-" + i, "registry.example/app-" + i + ":1",
            digests.get(i), "app-" + (i % 500), "host" + (i % 50), "tier" + (i % 3), Map.of()));
      }
      l.storeSboms("bench", batch);
      l.syncInventory("bench", "container", "", seen);
    }
    System.out.printf(Locale.ROOT, "setup: %,d SBOMs (%d packages each on average) and %,d containers stored in %.1f s%n", count,
        sboms.stream().mapToInt(s -> s.packages().size()).sum() / count, count, (System.nanoTime() - t0) / 1e9);

    // (1) rescan after the DB update
    double floor;
    try (VulnDb db = VulnDb.open(after)) {
      var match = io.drydock.cli.ledger.RescanCommand.matcher(db);
      long s = System.nanoTime();
      int n = 0;
      for (Sbom sbom : sboms) {
        n += match.apply(sbom).size();
      }
      floor = (System.nanoTime() - s) / 1e9;
      System.out.printf(Locale.ROOT, "baseline: match the same %,d SBOMs in memory with the same matcher (no store): %.2f s, %,d findings%n",
          count, floor, n);
    }
    double rescan;
    try (Ledger l = Ledger.open(file, Clock.systemUTC()); VulnDb db = VulnDb.open(after)) {
      long s = System.nanoTime();
      Ledger.RescanResult r = l.rescan("bench", io.drydock.cli.ledger.RescanCommand.matcher(db));
      rescan = (System.nanoTime() - s) / 1e9;
      System.out.printf(Locale.ROOT, "rescan of %,d stored SBOMs after the DB update: %.2f s (%,d new findings, %,d fixed; goal <= 10 s)%n",
          r.images(), rescan, r.appeared(), r.fixed());
    }
    System.out.printf(Locale.ROOT, "  ratio rescan / in-memory match: %.2f%n", rescan / floor);

    // (2) affected over the same images
    try (Ledger l = Ledger.open(file, Clock.systemUTC())) {
      double[] times = new double[7];
      int rows = 0;
      for (int i = 0; i < times.length; i++) {
        long s = System.nanoTime();
        rows = l.affected(Affected.Query.parse("CVE-2024-9143")).size();
        times[i] = (System.nanoTime() - s) / 1e6;
      }
      Arrays.sort(times);
      double affected = times[times.length / 2];
      long s = System.nanoTime();
      int naive = 0;
      for (Sbom sbom : sboms) {
        String json = STORE_JSON.writeValueAsString(sbom);
        if (STORE_JSON.readValue(json, Sbom.class).packages().stream().anyMatch(p -> "openssl".equals(p.sourceName())
            && "3.3.2-r0".equals(p.sourceVersionOrVersion()))) {
          naive++;
        }
      }
      double baseline = (System.nanoTime() - s) / 1e6;
      System.out.printf(Locale.ROOT, "affected CVE-2024-9143 over %,d images: %.1f ms median of %d (%,d rows; goal <= 200 ms)%n", count,
          affected, times.length, rows);
      System.out.printf(Locale.ROOT, "baseline: decode %,d SBOMs and look for openssl@3.3.2-r0: %.1f ms (%,d images)%n", count, baseline, naive);
      System.out.printf(Locale.ROOT, "  ratio affected / decode-all: %.3f%n", affected / baseline);
    }
  }
}
