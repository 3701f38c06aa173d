package io.drydock.scan.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.event.EventSink;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Import speed (bench/db-import.sh): the 624 real language records repeated under new ids up to N records (default
 * 600,000) in one OSV export zip, then, in the same run: {@code unzip -p ZIP > /dev/null} (the floor: inflating the
 * same bytes), the JDK inflating every entry, and the import. Prints records/s and the ratios.
 */
public final class ImportBenchmark {
  private ImportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 600_000;
    Path tmp = Files.createTempDirectory("drydock-import-bench");
    try {
      run(records, tmp);
    } finally {
      try (Stream<Path> walk = Files.walk(tmp)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(int records, Path tmp) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    List<ObjectNode> real = new ArrayList<>();
    try (ZipFile zf = new ZipFile(Resources.of("/advisories/lang-advisories.zip").toFile())) {
      Enumeration<? extends ZipEntry> en = zf.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        if (e.getName().endsWith(".json")) {
          try (InputStream in = zf.getInputStream(e)) {
            JsonNode n = mapper.readTree(in);
            real.add((ObjectNode) n);
          }
        }
      }
    }
    Path zip = tmp.resolve("all.zip");
    long bytes = 0;
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.setLevel(Deflater.BEST_SPEED);
      for (int i = 0; i < records; i++) {
        ObjectNode n = real.get(i % real.size()).deepCopy();
        String id = n.get("id").asText() + "-" + i;
        n.put("id", id);
        byte[] json = mapper.writeValueAsBytes(n);
        bytes += json.length;
        out.putNextEntry(new ZipEntry(id + ".json"));
        out.write(json);
      }
    }
    System.out.printf(Locale.ROOT, "input: %d records, %d MiB of JSON, zip %d MiB%n", records, bytes >> 20, Files.size(zip) >> 20);

    long t0 = System.nanoTime();
    Process unzip = new ProcessBuilder("unzip", "-p", zip.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int rc = unzip.waitFor();
    double unzipS = (System.nanoTime() - t0) / 1e9;
    if (rc != 0) {
      throw new IllegalStateException("unzip -p exited with " + rc);
    }

    t0 = System.nanoTime();
    long inflated = 0;
    byte[] buf = new byte[1 << 16];
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> en = zf.entries();
      while (en.hasMoreElements()) {
        try (InputStream in = zf.getInputStream(en.nextElement())) {
          int n;
          while ((n = in.read(buf)) > 0) {
            inflated += n;
          }
        }
      }
    }
    double jdkS = (System.nanoTime() - t0) / 1e9;

    t0 = System.nanoTime();
    ImportSummary s = new VulnDbImporter(Clock.systemUTC(), EventSink.NONE).importFrom(List.of(zip), tmp.resolve("db.sqlite"));
    double importS = (System.nanoTime() - t0) / 1e9;
    if (s.advisories() != records || inflated != bytes) {
      throw new IllegalStateException("imported " + s.advisories() + " of " + records + " records");
    }
    System.out.printf(Locale.ROOT, "baseline unzip -p > /dev/null: %.1f s%n", unzipS);
    System.out.printf(Locale.ROOT, "baseline JDK inflate of every entry: %.1f s%n", jdkS);
    System.out.printf(Locale.ROOT, "drydock db import: %.1f s, %.0f records/s, DB %d MiB%n", importS, records / importS,
        Files.size(tmp.resolve("db.sqlite")) >> 20);
    System.out.printf(Locale.ROOT, "ratio import / unzip = %.1f; import / JDK inflate = %.1f%n", importS / unzipS, importS / jdkS);
  }
}
