package io.drydock.scan.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.event.EventSink;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import speed: the 624 real language records, repeated under new ids to {@code -Ddrydock.bench.records}
 * (default 600,000) records in one OSV zip, imported once. Run with {@code -Ddrydock.bench=true}; the time is
 * written to target/bench/import.txt (not asserted: it depends on the machine).
 */
@EnabledIfSystemProperty(named = "drydock.bench", matches = "true")
class ImportBenchIT {

  @Test
  void importSpeed(@TempDir Path tmp) throws Exception {
    int records = Integer.getInteger("drydock.bench.records", 600_000);
    ObjectMapper mapper = new ObjectMapper();
    List<ObjectNode> real = new ArrayList<>();
    try (ZipFile zf = new ZipFile(resource("/advisories/lang-advisories.zip").toFile())) {
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
    long start = System.nanoTime();
    ImportSummary s = new VulnDbImporter(Clock.systemUTC(), EventSink.NONE).importFrom(List.of(zip), tmp.resolve("db.sqlite"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(s.advisories()).isEqualTo(records);
    long start2 = System.nanoTime();
    int found;
    try (VulnDb db = VulnDb.open(tmp.resolve("db.sqlite"))) {
      found = db.advisories("Maven", "com.fasterxml.jackson.core:jackson-databind").size();
    }
    Duration lookup = Duration.ofNanos(System.nanoTime() - start2);
    String report =
        records + " records (" + (bytes >> 20) + " MiB of JSON, zip " + (Files.size(zip) >> 20) + " MiB) imported in "
            + took.toMillis() + " ms (" + (records * 1000L / Math.max(1, took.toMillis())) + " records/s); DB "
            + (Files.size(tmp.resolve("db.sqlite")) >> 20) + " MiB; open + one lookup (" + found + " advisories) "
            + lookup.toMillis() + " ms\n";
    Files.createDirectories(Path.of("target", "bench"));
    Files.writeString(Path.of("target", "bench", "import.txt"), report);
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(ImportBenchIT.class.getResource(name), name).toURI());
  }
}
