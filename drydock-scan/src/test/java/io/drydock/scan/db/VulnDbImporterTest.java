package io.drydock.scan.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VulnDbImporterTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final VulnDbImporter IMPORTER = new VulnDbImporter(Clock.fixed(NOW, ZoneOffset.UTC), EventSink.NONE);

  static String record(String id, String modified, String extra) {
    return "{\"id\":\"" + id + "\",\"modified\":\"" + modified + "\",\"aliases\":[\"CVE-" + id.hashCode() + "\"]" + extra
        + ",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":[{\"type\":\"SEMVER\","
        + "\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.0.0\"}]}]}]}";
  }

  static Path write(Path dir, String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void malformedRecordsAreCountedSkipsWithReasonsAndTheRestIsImported(@TempDir Path tmp) throws IOException {
    Path src = tmp.resolve("src");
    write(src, "good.json", record("GHSA-good", "2024-01-01T00:00:00Z", ""));
    write(src, "broken.json", "{\"id\": \"GHSA-broken\", ");
    write(src, "noid.json", "{\"summary\": \"x\"}");
    write(src, "array.json", "[1, 2]");
    write(src, "badevent.json", "{\"id\":\"X-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},"
        + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"oops\":\"1\"}]}]}]}");
    write(src, "deep.json", "{\"id\":\"X-2\",\"x\":" + "[".repeat(200) + "]".repeat(200) + "}");
    write(src, "rec.yaml", "id: PYSEC-1\n");
    write(src, "README.md", "not a record");
    ImportSummary s = IMPORTER.importFrom(List.of(src), tmp.resolve("db.sqlite"));
    assertThat(s.advisories()).isEqualTo(1);
    assertThat(s.skips()).extracting(x -> x.where() + ": " + x.reason())
        .hasSize(6)
        .anySatisfy(x -> assertThat(x).startsWith("broken.json: invalid JSON"))
        .anySatisfy(x -> assertThat(x).isEqualTo("noid.json: neither an OSV record (no id) nor an Alpine secdb document"))
        .anySatisfy(x -> assertThat(x).isEqualTo("array.json: not a JSON object"))
        .anySatisfy(x -> assertThat(x).startsWith("badevent.json: range event is none of"))
        .anySatisfy(x -> assertThat(x).startsWith("deep.json: invalid JSON"))
        .anySatisfy(x -> assertThat(x).startsWith("rec.yaml: YAML is not read"));
  }

  @Test
  void withdrawnRecordsAreKeptAndFlagged(@TempDir Path tmp) throws IOException {
    Path src = tmp.resolve("src");
    write(src, "w.json", record("GHSA-w", "2024-01-01T00:00:00Z", ",\"withdrawn\":\"2024-02-01T00:00:00Z\""));
    ImportSummary s = IMPORTER.importFrom(List.of(src), tmp.resolve("db.sqlite"));
    assertThat(s.withdrawn()).isEqualTo(1);
    try (VulnDb db = VulnDb.open(tmp.resolve("db.sqlite"))) {
      assertThat(db.advisories("npm", "p")).singleElement().satisfies(a -> assertThat(a.isWithdrawn()).isTrue());
    }
  }

  @Test
  void aDuplicateIdKeepsTheLaterModifiedRecord(@TempDir Path tmp) throws IOException {
    Path src = tmp.resolve("src");
    write(src, "a/x.json", record("GHSA-d", "2024-05-01T00:00:00Z", ",\"summary\":\"newer\""));
    write(src, "b/x.json", record("GHSA-d", "2024-01-01T00:00:00Z", ",\"summary\":\"older\""));
    write(src, "c/x.json", record("GHSA-e", "2024-01-01T00:00:00Z", ",\"summary\":\"first\""));
    write(src, "d/x.json", record("GHSA-e", "2024-03-01T00:00:00Z", ",\"summary\":\"second\""));
    ImportSummary s = IMPORTER.importFrom(List.of(src), tmp.resolve("db.sqlite"));
    assertThat(s.advisories()).isEqualTo(2);
    assertThat(s.duplicates()).isEqualTo(2);
    try (VulnDb db = VulnDb.open(tmp.resolve("db.sqlite"))) {
      assertThat(db.advisories("npm", "p")).extracting(a -> a.summary()).containsExactly("newer", "second");
      assertThat(db.byIdOrAlias("CVE-" + "GHSA-d".hashCode())).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo("GHSA-d"));
    }
  }

  @Test
  void theDbRecordsItsSchemaVersionAndLastUpdate(@TempDir Path tmp) throws IOException {
    write(tmp, "src/a.json", record("GHSA-a", "2024-01-01T00:00:00Z", ""));
    IMPORTER.importFrom(List.of(tmp.resolve("src")), tmp.resolve("cache/drydock/db.sqlite"));
    try (VulnDb db = VulnDb.open(tmp.resolve("cache/drydock/db.sqlite"))) {
      assertThat(db.metadata()).isEqualTo(new VulnDb.Metadata(VulnDbSchema.VERSION, NOW, 1));
    }
  }

  @Test
  void aDbOfAnotherSchemaVersionIsRefusedWithADbError(@TempDir Path tmp) throws Exception {
    write(tmp, "src/a.json", record("GHSA-a", "2024-01-01T00:00:00Z", ""));
    Path file = tmp.resolve("db.sqlite");
    IMPORTER.importFrom(List.of(tmp.resolve("src")), file);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      st.execute("UPDATE schema_version SET version = 99");
    }
    assertThatThrownBy(() -> VulnDb.open(file))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining("schema version is 99")
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.DB));
    assertThatThrownBy(() -> VulnDb.open(tmp.resolve("missing.sqlite")))
        .hasMessageStartingWith("Tried to open the vulnerability DB")
        .hasMessageContaining("does not exist");
  }

  @Test
  void aFailedImportLeavesThePreviousDbUsableAndNoTemporaryFile(@TempDir Path tmp) throws IOException {
    write(tmp, "src/a.json", record("GHSA-a", "2024-01-01T00:00:00Z", ""));
    Path file = tmp.resolve("db/vulndb.sqlite");
    IMPORTER.importFrom(List.of(tmp.resolve("src")), file);
    Path notAZip = write(tmp, "broken.zip", "this is not a zip");
    assertThatThrownBy(() -> IMPORTER.importFrom(List.of(tmp.resolve("src"), notAZip), file))
        .isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("Tried to read the OSV zip");
    try (VulnDb db = VulnDb.open(file)) {
      assertThat(db.advisories("npm", "p")).hasSize(1);
    }
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aZipBombIsBoundedPerEntryAndInTotal(@TempDir Path tmp) throws IOException {
    Path zip = tmp.resolve("bomb.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("ok.json"));
      out.write(record("GHSA-ok", "2024-01-01T00:00:00Z", "").getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new ZipEntry("huge.json"));
      writeZeros(out, OsvJson.MAX_RECORD_BYTES + 1024);
      out.putNextEntry(new ZipEntry("nested/again.zip"));
      out.write(new byte[] {1, 2, 3});
    }
    assertThat(Files.size(zip)).isLessThan(100_000);
    ImportSummary s = IMPORTER.importFrom(List.of(zip), tmp.resolve("db.sqlite"));
    assertThat(s.advisories()).isEqualTo(1);
    assertThat(s.skips()).singleElement().satisfies(x -> {
      assertThat(x.where()).isEqualTo("bomb.zip!/huge.json");
      assertThat(x.reason()).contains("larger than");
    });

    Path many = tmp.resolve("many.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(many))) {
      for (int i = 0; i < 5; i++) {
        out.putNextEntry(new ZipEntry(i + ".json"));
        writeZeros(out, 600_000);
      }
    }
    VulnDbImporter bounded = new VulnDbImporter(Clock.fixed(NOW, ZoneOffset.UTC), EventSink.NONE, 2_000_000, 1000);
    assertThatThrownBy(() -> bounded.importFrom(List.of(many), tmp.resolve("db.sqlite")))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining("zip bomb")
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT));
    try (VulnDb db = VulnDb.open(tmp.resolve("db.sqlite"))) {
      assertThat(db.metadata().advisories()).isEqualTo(1);
    }
  }

  private static void writeZeros(OutputStream out, int n) throws IOException {
    byte[] buf = new byte[65536];
    for (int left = n; left > 0; left -= buf.length) {
      out.write(buf, 0, Math.min(left, buf.length));
    }
  }

  @Test
  void missingSourcesAreNotFound(@TempDir Path tmp) {
    assertThatThrownBy(() -> IMPORTER.importFrom(List.of(tmp.resolve("nope")), tmp.resolve("db.sqlite")))
        .isInstanceOf(DrydockException.class)
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void defaultFileFollowsXdgCacheHome() {
    assertThat(VulnDb.defaultFile(Map.of("XDG_CACHE_HOME", "/c"), Path.of("/home/u"))).isEqualTo(Path.of("/c/drydock/vulndb.sqlite"));
    assertThat(VulnDb.defaultFile(Map.of(), Path.of("/home/u"))).isEqualTo(Path.of("/home/u/.cache/drydock/vulndb.sqlite"));
    assertThat(VulnDb.defaultFile(Map.of("XDG_CACHE_HOME", "rel"), Path.of("/home/u"))).isEqualTo(Path.of("/home/u/.cache/drydock/vulndb.sqlite"));
  }

  @Test
  void pypiNamesAreLookedUpPerPep503(@TempDir Path tmp) throws IOException {
    write(tmp, "src/a.json", "{\"id\":\"PYSEC-1\",\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"Zope.Interface\"},"
        + "\"versions\":[\"1.0\"]}]}");
    IMPORTER.importFrom(List.of(tmp.resolve("src")), tmp.resolve("db.sqlite"));
    try (VulnDb db = VulnDb.open(tmp.resolve("db.sqlite"))) {
      assertThat(db.advisories("PyPI", "zope_interface")).hasSize(1);
      assertThat(db.advisories("npm", "zope_interface")).isEmpty();
    }
  }
}
