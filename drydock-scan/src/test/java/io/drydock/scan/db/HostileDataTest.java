package io.drydock.scan.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.Advisory;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.Finding;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Skip;
import io.drydock.model.event.EventSink;
import io.drydock.scan.match.MatchResult;
import io.drydock.scan.match.Matcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile advisory data: every bad record is a counted skip with a reason, never a crash or an unbounded read. */
class HostileDataTest {
  private static final VulnDbImporter IMPORTER =
      new VulnDbImporter(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), EventSink.NONE);

  @TempDir Path tmp;

  private static String events(int n, String fixedVersion) {
    StringBuilder sb = new StringBuilder("{\"introduced\":\"0\"}");
    for (int i = 0; i < n - 1; i++) {
      sb.append(",{\"fixed\":\"").append(fixedVersion.isEmpty() ? "1." + i : fixedVersion).append("\"}");
    }
    return sb.toString();
  }

  private static String record(String id, String affected) {
    return "{\"id\":\"" + id + "\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[" + affected + "]}";
  }

  private static String entry(String eco, String name, String events) {
    return "{\"package\":{\"ecosystem\":\"" + eco + "\",\"name\":\"" + name + "\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":["
        + events + "]}]}";
  }

  private ImportSummary importOne(String content) throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    Files.writeString(src.resolve("bad.json"), content);
    Files.writeString(src.resolve("good.json"), record("GHSA-good", entry("npm", "p", events(2, ""))));
    return IMPORTER.importFrom(List.of(src), tmp.resolve("db.sqlite"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON|{\"id\": \"X|invalid JSON",
        "array|[{\"id\":\"X\"}]|not a JSON object",
        "empty object|{}|neither an OSV record",
        "blank id|{\"id\":\"  \"}|no id",
        "id of 300 characters|ID300|id longer than 256 characters",
        "affected is an object|{\"id\":\"X\",\"affected\":{}}|affected is not an array",
        "ranges is a string|{\"id\":\"X\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":\"all\"}]}|ranges is not an array",
        "unknown range type|{\"id\":\"X\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":[{\"type\":\"FOO\",\"events\":[]}]}]}|unknown range type FOO",
        "range without events|{\"id\":\"X\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":[{\"type\":\"SEMVER\"}]}]}|range without events",
        "empty fixed version|{\"id\":\"X\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"p\"},\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"fixed\":\"\"}]}]}]}|range event with an empty version",
        "aliases is a string|{\"id\":\"X\",\"aliases\":\"CVE-1\"}|aliases is not an array",
        "withdrawn is not a time|{\"id\":\"X\",\"withdrawn\":\"yesterday\"}|withdrawn is not an RFC 3339 time",
        "10^5 events|EVENTS100000|range with more than 10000 events",
        "versions of 10 KB|LONGVERSION|version longer than 1024 characters",
        "listed version of 10 KB|LONGLISTED|version longer than 1024 characters",
        "nesting 10000 deep|DEEP|invalid JSON",
        "NUL bytes and escapes|{\"id\":\"X\\u0000\",\"affected\":{\"\\u0000\":1}}|affected is not an array",
      })
  void badRecordsAreCountedSkipsAndTheGoodOneIsImported(String what, String content, String reason) throws IOException {
    String json = switch (content) {
      case "ID300" -> "{\"id\":\"" + "A".repeat(300) + "\"}";
      case "EVENTS100000" -> record("X", entry("npm", "p", events(100_000, "")));
      case "LONGVERSION" -> record("X", entry("Debian:12", "p", "{\"introduced\":\"0\"},{\"fixed\":\"" + "9".repeat(10_240) + "\"}"));
      case "LONGLISTED" -> record("X", "{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"p\"},\"versions\":[\"" + "1".repeat(10_240) + "\"]}");
      case "DEEP" -> "{\"id\":\"X\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
      default -> content;
    };
    ImportSummary s = importOne(json);
    assertThat(s.advisories()).as(what).isEqualTo(1);
    assertThat(s.skipCount()).as(what).isEqualTo(1);
    assertThat(s.skips()).extracting(Skip::reason).singleElement().asString().as(what).startsWith(reason);
    assertThat(s.skips().get(0).where()).isEqualTo("bad.json");
  }

  @Test
  void aRecordJustUnderTheBoundsWithGarbageVersionsMatchesWithoutThrowing() throws IOException {
    Random random = new Random(42);
    StringBuilder events = new StringBuilder("{\"introduced\":\"0\"}");
    for (int i = 0; i < 9_999; i++) {
      byte[] b = new byte[1 + random.nextInt(40)];
      for (int j = 0; j < b.length; j++) {
        b[j] = (byte) (33 + random.nextInt(94));
      }
      String v = new String(b, java.nio.charset.StandardCharsets.US_ASCII).replace("\\", "/").replace("\"", "'");
      events.append(random.nextBoolean() ? ",{\"fixed\":\"" : ",{\"introduced\":\"").append(v).append("\"}");
    }
    ImportSummary s = importOne(record("X-garbage", entry("Debian:12", "zlib", events.toString()) + ","
        + entry("Alpine:v3.20", "zlib", events.toString()) + "," + entry("npm", "zlib", events.toString().replace("ECOSYSTEM", "SEMVER"))));
    assertThat(s.skipCount()).isZero();
    try (VulnDb db = VulnDb.open(tmp.resolve("db.sqlite"))) {
      for (String eco : List.of("Debian:12", "Alpine:v3.20", "npm")) {
        List<Advisory> advisories = db.advisories(eco, "zlib");
        assertThat(advisories).hasSize(1);
        Package pkg = new Package(PackageType.DEB, "zlib", "1.2.13", null, null, null, "pkg:x/zlib", "", null, List.of());
        String version = eco.equals("Alpine:v3.20") ? "1.3.1-r1" : eco.equals("npm") ? "1.2.13" : "1:1.2.13.dfsg-1";
        MatchResult r = Matcher.match(pkg, eco, "zlib", version, advisories);
        assertThat(r.findings()).extracting(Finding::id).allMatch(id -> id.equals("X-garbage"));
      }
    }
  }

  /** Many records sharing one alias: resolution looks at each record's own keys, never at all pairs of the group. */
  @Test
  void aHugeAliasGroupResolvesSeverityWithoutPairingEveryRecord() throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    for (int i = 0; i < 4000; i++) {
      String severity = i % 2 == 0 ? ",\"database_specific\":{\"severity\":\"" + (i == 1000 ? "CRITICAL" : "LOW") + "\"}" : "";
      Files.writeString(src.resolve("r" + i + ".json"), "{\"id\":\"X-" + i + "\",\"aliases\":[\"CVE-2024-0001\"]" + severity
          + ",\"affected\":[" + entry("npm", "p", events(2, "")) + "]}");
    }
    ImportSummary s = IMPORTER.importFrom(List.of(src), tmp.resolve("db.sqlite"));
    assertThat(s.severityFromAliases()).isEqualTo(2000);
    try (VulnDb db = VulnDb.open(tmp.resolve("db.sqlite"))) {
      assertThat(db.byId("X-3").orElseThrow().severity()).isEqualTo(io.drydock.model.Severity.CRITICAL);
      assertThat(db.byId("X-2").orElseThrow().severity()).isEqualTo(io.drydock.model.Severity.LOW);
    }
  }

  @Test
  void aTrackerWithBadEntriesSkipsThemAndKeepsTheRest() throws IOException {
    Path src = tmp.resolve("src");
    Files.createDirectories(src);
    Files.writeString(src.resolve("tracker.json"), """
        {"zlib": {"CVE-2022-37434": {"releases": {"bookworm": {"status": "open", "urgency": "high"},
                                                  "bullseye": {"status": "weird"},
                                                  "buster": {"status": "resolved", "fixed_version": "%s"}}},
                  "not-an-id": {"releases": {}},
                  "CVE-2023-1": "not an object"},
         "Bad Package Name!": {"CVE-2023-0002": {"releases": {}}},
         "bash": {"CVE-2023-0003": {"releases": {"sid": {"status": "open"}, "bookworm": {"status": "resolved", "fixed_version": "0"}}}}}
        """.formatted("1".repeat(300)));
    ImportSummary s = IMPORTER.importFrom(List.of(src), tmp.resolve("db.sqlite"));
    assertThat(s.advisories()).as(s.skips().toString()).isEqualTo(1);
    assertThat(s.skips()).extracting(Skip::reason).containsExactlyInAnyOrder(
        "zlib/CVE-2022-37434/bullseye: unknown status weird",
        "zlib/CVE-2022-37434/buster: fixed_version longer than 256 characters",
        "zlib/not-an-id: not a CVE or TEMP id with an object",
        "zlib/CVE-2023-1: not a CVE or TEMP id with an object",
        "package Bad Package Name!: not a source package name with an object of CVEs");
    assertThat(s.notAffected()).isEqualTo(1);
  }

  @Test
  void aTrackerCutShortFailsTheImportAndKeepsThePreviousDb() throws IOException {
    Path good = Files.writeString(tmp.resolve("good.json"), record("GHSA-good", entry("npm", "p", events(2, ""))));
    IMPORTER.importFrom(List.of(good), tmp.resolve("db.sqlite"));
    StringBuilder big = new StringBuilder("{\"zlib\": {");
    for (int i = 0; big.length() < OsvJson.MAX_RECORD_BYTES + 1000; i++) {
      big.append("\"CVE-2023-").append(10_000 + i).append("\": {\"releases\": {\"bookworm\": {\"status\": \"open\"}}},");
    }
    Path cut = Files.writeString(tmp.resolve("tracker.json"), big.toString()); // streamed (over 8 MiB), never closed
    assertThatThrownBy(() -> IMPORTER.importFrom(List.of(cut), tmp.resolve("db.sqlite")))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageStartingWith("Tried to read the Debian tracker JSON");
    try (VulnDb db = VulnDb.open(tmp.resolve("db.sqlite"))) {
      assertThat(db.metadata().advisories()).isEqualTo(1);
    }
  }
}
