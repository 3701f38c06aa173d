package io.drydock.scan.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.image.ImageOptions;
import io.drydock.model.Advisory;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Sbom;
import io.drydock.model.event.EventSink;
import io.drydock.scan.Inventory;
import io.drydock.scan.match.Ecosystems;
import io.drydock.scan.match.Matcher;
import io.drydock.scan.sbom.JsonSbomWriter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Re-matching stored SBOMs (bench/rematch.sh): the packages of the three fixture images (Alpine 3.20.3, Debian
 * bookworm, the language-package image), read by drydock's analyzers, varied into N SBOM JSON files (default 1,000:
 * packages dropped, the Debian image relabelled 10 / 11 / 12, versions swapped for versions the real advisories
 * name), matched against a DB of the real advisories (language records, Alpine secdb, Debian DSA/DLA lists as OSV,
 * the tracker JSON). Prints the time to parse them all, the time to parse and match them all, and the ratio.
 */
public final class RematchBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RematchBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path images = args.length > 1 ? Path.of(args[1]) : Path.of("../testdata/images");
    Path tmp = Files.createTempDirectory("drydock-rematch-bench");
    try {
      run(count, images, tmp);
    } finally {
      try (Stream<Path> walk = Files.walk(tmp)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(int count, Path images, Path tmp) throws Exception {
    Path src = tmp.resolve("advisories");
    Files.createDirectories(src);
    Files.copy(Resources.of("/advisories/lang-advisories.zip"), src.resolve("lang.zip"));
    Files.copy(Resources.of("/advisories/debian/tracker.json"), src.resolve("tracker.json"));
    DebianLists.toOsv(Resources.of("/advisories/debian/DSA-list.minbase-sources"), src.resolve("dsa"));
    DebianLists.toOsv(Resources.of("/advisories/debian/DLA-list.minbase-sources"), src.resolve("dla"));
    Path dbFile = tmp.resolve("db.sqlite");
    ImportSummary imported = new VulnDbImporter(Clock.systemUTC(), EventSink.NONE)
        .importFrom(List.of(src, Resources.of("/advisories/alpine/v3.20/main")), dbFile);

    Inventory inventory = Inventory.create(null, tmp.resolve("work"), EventSink.NONE);
    List<Sbom> bases = new ArrayList<>();
    for (String image : List.of("alpine-3.20.3.oci.tar", "debian-bookworm-dpkgdb.oci.tar", "lang-packages.oci.tar")) {
      bases.add(inventory.take("oci-archive:" + images.resolve(image).toAbsolutePath(), ImageOptions.defaults(tmp.resolve("work"))).sbom());
    }
    Path sboms = tmp.resolve("sboms");
    Files.createDirectories(sboms);
    Random random = new Random(20261122);
    long packages = 0;
    try (VulnDb db = VulnDb.open(dbFile)) {
      JsonSbomWriter writer = new JsonSbomWriter(Clock.systemUTC(), "bench");
      for (int i = 0; i < count; i++) {
        Sbom sbom = vary(bases.get(i % bases.size()), random, db);
        packages += sbom.packages().size();
        try (OutputStream out = Files.newOutputStream(sboms.resolve(String.format(Locale.ROOT, "sbom-%04d.json", i)))) {
          writer.write(sbom, out);
        }
      }
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(sboms)) {
      files = list.sorted().toList();
    }
    System.out.printf(Locale.ROOT, "DB: %d advisories; %d SBOMs with %d packages (%d MiB of JSON)%n", imported.advisories(), count, packages,
        files.stream().mapToLong(RematchBenchmark::size).sum() >> 20);
    for (String round : List.of("cold", "warm")) {
      long t0 = System.nanoTime();
      long parsed = 0;
      for (Path f : files) {
        parsed += read(f).packages().size();
      }
      double parseS = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      long findings = 0;
      try (VulnDb db = VulnDb.open(dbFile)) {
        for (Path f : files) {
          findings += match(read(f), db);
        }
      }
      double matchS = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "%s: parse only %.2f s (%d packages); parse + match %.2f s, %d findings; ratio %.1f; goal <= 5 s: %s%n",
          round, parseS, parsed, matchS, findings, matchS / parseS, matchS <= 5.0 ? "met" : "MISSED");
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  /** Matches every package of {@code sbom}: the OSV ecosystem from type and OS, OS packages by source package. */
  static long match(Sbom sbom, VulnDb db) {
    long findings = 0;
    Map<String, List<Advisory>> lookups = new HashMap<>();
    for (Package p : sbom.packages()) {
      Optional<String> eco = Ecosystems.of(p.type(), sbom.os());
      if (eco.isEmpty()) {
        continue;
      }
      String name = p.type().isOsPackage() ? p.sourceNameOrName() : p.name();
      String version = p.type().isOsPackage() ? p.sourceVersionOrVersion() : p.version();
      if (p.type() == PackageType.GOLANG && version.startsWith("v")) {
        version = version.substring(1);
      }
      List<Advisory> advisories = lookups.computeIfAbsent(eco.get() + "\u0000" + name, k -> db.advisories(eco.get(), name));
      findings += Matcher.match(p, eco.get(), name, version, advisories).findings().size();
    }
    return findings;
  }

  /** Reads the parts of a drydock.sbom/v1 document that matching needs. */
  static Sbom read(Path file) throws java.io.IOException {
    JsonNode doc = JSON.readTree(file.toFile());
    JsonNode os = doc.get("os");
    OsInfo osInfo = os == null || os.isNull() ? null : new OsInfo(os.path("family").asText(), os.path("version").asText(), null);
    List<Package> packages = new ArrayList<>();
    for (JsonNode n : doc.path("packages")) {
      PackageType type = PackageType.valueOf(n.path("type").asText().toUpperCase(Locale.ROOT));
      packages.add(new Package(type, n.path("name").asText(), n.path("version").asText(), text(n, "sourceName"), text(n, "sourceVersion"),
          text(n, "arch"), n.path("purl").asText(), n.path("location").asText(), null, List.of()));
    }
    return new Sbom(image(doc.path("image").path("name").asText()), osInfo, packages, List.of());
  }

  private static io.drydock.model.ImageMetadata image(String name) {
    return new io.drydock.model.ImageMetadata(name, null, null, null, null, null, List.of(), io.drydock.model.ImageConfig.empty(), List.of());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** A variation: 10 % of packages dropped, Debian relabelled 10/11/12, 30 % of versions taken from the advisories. */
  static Sbom vary(Sbom base, Random random, VulnDb db) {
    OsInfo os = base.os();
    if (os != null && os.family().equals("debian")) {
      os = new OsInfo("debian", List.of("10.13", "11.6", "12.15").get(random.nextInt(3)), os.prettyName());
    }
    List<Package> out = new ArrayList<>();
    for (Package p : base.packages()) {
      if (random.nextInt(10) == 0) {
        continue;
      }
      Package q = p;
      Optional<String> eco = Ecosystems.of(p.type(), os);
      if (eco.isPresent() && random.nextInt(10) < 3) {
        String name = p.type().isOsPackage() ? p.sourceNameOrName() : p.name();
        List<String> candidates = new ArrayList<>();
        for (Advisory a : db.advisories(eco.get(), name)) {
          for (Advisory.Affected af : a.affected()) {
            if (af.ecosystem().equals(eco.get())) {
              candidates.addAll(af.versions());
              af.ranges().forEach(r -> r.events().forEach(e -> {
                if (!e.version().equals("0")) {
                  candidates.add(e.version());
                }
              }));
            }
          }
        }
        if (!candidates.isEmpty()) {
          String v = candidates.get(random.nextInt(candidates.size()));
          q = new Package(p.type(), p.name(), v, p.sourceName(), p.type().isOsPackage() ? v : p.sourceVersion(), p.arch(), p.purl(),
              p.location(), p.layer(), p.licenses());
        }
      }
      out.add(q);
    }
    return new Sbom(base.image(), os, out, List.of());
  }
}
