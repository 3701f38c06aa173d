package io.drydock.store;

import static io.drydock.store.Fixtures.digest;
import static io.drydock.store.Fixtures.finding;
import static io.drydock.store.Fixtures.pkg;
import static io.drydock.store.Fixtures.sbom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.Severity;
import io.drydock.model.event.DomainEvent;
import io.drydock.model.event.LedgerEvent;
import io.drydock.model.event.RolloutEvent;
import io.drydock.model.event.ScanEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The store's behaviour, run against every backend (SQLite file and real PostgreSQL). */
class LedgerTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dir;

  static java.util.stream.Stream<String> backends() {
    return Backends.names();
  }

  Ledger open(String location, Instant at) {
    return Ledger.open(location, Clock.fixed(at, ZoneOffset.UTC));
  }

  @ParameterizedTest
  @MethodSource("backends")
  void eventsRoundTripTypedWithTheirDigests(String backend) throws Exception {
    String db = Backends.fresh(backend, dir);
    Digest d = digest("web-2");
    try (Ledger l = open(db, T0)) {
      l.append("alice", "release", new RolloutEvent.RolloutStarted("web", 2, "web:2", d, "blueGreen"));
      l.append("ci", null, new ScanEvent.ScanCompleted("web:2", d, 12, Map.of(Severity.HIGH, 1, Severity.LOW, 0)));
    }
    try (Ledger l = open(db, T0)) {
      List<Recorded> events = l.events();
      assertThat(events).extracting(Recorded::seq).containsExactly(1L, 2L);
      assertThat(events.get(0).event()).isEqualTo(new RolloutEvent.RolloutStarted("web", 2, "web:2", d, "blueGreen"));
      assertThat(events.get(0).type()).isEqualTo("RolloutEvent.RolloutStarted");
      assertThat(events.get(0).digests()).containsExactly(d.toString());
      assertThat(events.get(0).actor()).isEqualTo("alice");
      assertThat(events.get(0).reason()).isEqualTo("release");
      assertThat(events.get(0).at()).isEqualTo(T0);
      assertThat(events.get(1).event()).isInstanceOf(ScanEvent.ScanCompleted.class);
      assertThat(events.get(1).prevHash()).isEqualTo(events.get(0).hash());
      assertThat(l.verify(null)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void verifyFindsEditedDeletedAndReorderedEvents(String backend) throws Exception {
    for (String tamper : List.of("edit", "delete", "reorder", "truncate")) {
      String db = Backends.fresh(backend, dir);
      try (Ledger l = open(db, T0)) {
        for (int i = 1; i <= 5; i++) {
          l.append("alice", null, new LedgerEvent.Approved("exception " + i, "alice", "ok"));
        }
        assertThat(l.verify(null)).as(tamper).isEmpty();
      }
      Backends.sql(db, switch (tamper) {
        case "edit" -> List.of("update events set body = replace(body, 'exception 3', 'exception 9') where seq = 3");
        case "delete" -> List.of("delete from events where seq = 3");
        case "reorder" -> List.of("update events set seq = -2 where seq = 2", "update events set seq = 2 where seq = 3",
            "update events set seq = 3 where seq = -2");
        default -> List.of("delete from events where seq = 5");
      });
      try (Ledger l = open(db, T0)) {
        assertThat(l.verify(null)).as(tamper).isNotEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void inventorySyncRecordsSeenAndGone(String backend) throws Exception {
    String db = Backends.fresh(backend, dir);
    Digest v1 = digest("v1");
    Digest v2 = digest("v2");
    var web = new InventoryEntry.Observation("container", "h1/web", "web:1", v1, "web", "h1", "tier1", Map.of("a", "b"));
    var db1 = new InventoryEntry.Observation("container", "h1/db", "pg:15", digest("pg"), "db", "h1", null, Map.of());
    try (Ledger l = open(db, T0)) {
      assertThat(l.syncInventory("sync", "container", "h1/", List.of(web, db1))).hasSize(2);
    }
    try (Ledger l = open(db, T0.plusSeconds(60))) {
      assertThat(l.syncInventory("sync", "container", "h1/", List.of(web, db1))).as("nothing changed").isEmpty();
      InventoryEntry e = l.inventory(false).stream().filter(x -> x.location().equals("h1/web")).findFirst().orElseThrow();
      assertThat(e.firstSeen()).isEqualTo(T0);
      assertThat(e.lastSeen()).isEqualTo(T0.plusSeconds(60));
      assertThat(e.labels()).containsEntry("a", "b");
      assertThat(e.tier()).isEqualTo("tier1");
    }
    var web2 = new InventoryEntry.Observation("container", "h1/web", "web:2", v2, "web", "h1", "tier1", Map.of());
    try (Ledger l = open(db, T0.plusSeconds(120))) {
      List<DomainEvent> events = l.syncInventory("sync", "container", "h1/", List.of(web2)).stream().map(Recorded::event).toList();
      assertThat(events).containsExactlyInAnyOrder(
          new LedgerEvent.ImageGone("container", "h1/db", "pg:15", digest("pg"), "db"),
          new LedgerEvent.ImageSeen("container", "h1/web", "web:2", v2, "web", "h1", "tier1", Map.of()));
      assertThat(l.inventory(false)).extracting(InventoryEntry::location).containsExactly("h1/web");
      assertThat(l.inventory(true)).hasSize(2);
      assertThat(l.syncInventory("sync", "container", "h2/", List.of())).as("other scope untouched").isEmpty();
      assertThat(l.verify(null)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void storedSbomsAreRematchedWithoutTheImage(String backend) throws Exception {
    String db = Backends.fresh(backend, dir);
    Digest d = digest("alpine");
    var sbom = sbom("docker.io/library/alpine:3.20", pkg("openssl", "3.0.1"), pkg("zlib", "1.2"));
    StoredFinding old = finding("CVE-2024-0001", "zlib", "1.2", Severity.LOW);
    try (Ledger l = open(db, T0)) {
      l.syncInventory("sync", "container", "h1/", List.of(new InventoryEntry.Observation("container", "h1/a",
          "alpine:3.20", d, "edge", "h1", "tier0", Map.of())));
      l.storeSbom("scan", d, "docker.io/library/alpine:3.20", sbom, List.of(old));
      assertThat(l.hasSbom(d)).isTrue();
      assertThat(l.hasSbom(digest("other"))).isFalse();
    }
    StoredFinding added = new StoredFinding("CVE-2024-0002", "openssl", "3.0.1", Severity.CRITICAL, List.of("3.0.2"),
        List.of("GHSA-xxxx-yyyy-zzzz"));
    try (Ledger l = open(db, T0.plusSeconds(3600))) {
      List<io.drydock.model.Sbom> seen = new ArrayList<>();
      Ledger.RescanResult r = l.rescan("rescan", s -> {
        seen.add(s);
        return List.of(added);
      });
      assertThat(seen).containsExactly(sbom);
      assertThat(r.appeared()).isEqualTo(1);
      assertThat(r.fixed()).isEqualTo(1);
      assertThat(r.events()).extracting(Recorded::event).containsExactly(
          new LedgerEvent.FindingAppeared(d, "CVE-2024-0002", "openssl", "3.0.1", Severity.CRITICAL, List.of("3.0.2")),
          new LedgerEvent.FindingFixed(d, "CVE-2024-0001", "zlib", "1.2"),
          new LedgerEvent.RescanCompleted(1, 1, 1));
      assertThat(l.rescan("rescan", s -> List.of(added)).events()).as("second rescan: no change")
          .extracting(Recorded::event).containsExactly(new LedgerEvent.RescanCompleted(1, 0, 0));

      List<Affected> byCve = l.affected(Affected.Query.parse("CVE-2024-0002"));
      assertThat(byCve).singleElement().satisfies(a -> {
        assertThat(a.location()).isEqualTo("h1/a");
        assertThat(a.tier()).isEqualTo("tier0");
        assertThat(a.matches()).containsExactly("CVE-2024-0002 in openssl@3.0.1 (CRITICAL, fixed in 3.0.2)");
      });
      assertThat(l.affected(Affected.Query.parse("GHSA-xxxx-yyyy-zzzz"))).hasSize(1);
      assertThat(l.affected(Affected.Query.parse("CVE-2024-0001"))).as("fixed").isEmpty();
      assertThat(l.affected(Affected.Query.parse("zlib@1.2"))).extracting(Affected::service).containsExactly("edge");
      assertThat(l.affected(Affected.Query.parse("zlib@1.3"))).isEmpty();
      assertThat(l.affected(Affected.Query.parse("openssl"))).hasSize(1);
      assertThat(l.verify(null)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void concurrentAppendersKeepOneChain(String backend) throws Exception {
    String db = Backends.fresh(backend, dir);
    try (Ledger a = open(db, T0); Ledger b = open(db, T0)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Ledger l = t % 2 == 0 ? a : b;
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 25; i++) {
            l.append("t" + thread, null, new LedgerEvent.Approved("s" + i, "t" + thread, "ok"));
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      assertThat(a.events()).hasSize(100);
      assertThat(a.verify(null)).isEmpty();
    }
  }

  @Test
  void aFileThatIsNotALedgerIsInvalidInput() throws Exception {
    Path bad = dir.resolve("bad.sqlite");
    Files.writeString(bad, "this is not a database, it is a text file with enough bytes in it");
    assertThatThrownBy(() -> Ledger.open(bad.toString(), Clock.systemUTC()))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining("not a SQLite database");
  }

  @Test
  void aDamagedSqliteFileIsInvalidInput() throws Exception {
    String db = dir.resolve("l.sqlite").toString();
    try (Ledger l = Ledger.open(db, Clock.systemUTC())) {
      l.append("a", null, new LedgerEvent.Approved("x", "a", "ok"));
    }
    byte[] bytes = Files.readAllBytes(Path.of(db));
    for (int i = 100; i < bytes.length; i++) {
      bytes[i] = (byte) 0xA5;
    }
    Files.write(Path.of(db), bytes);
    assertThatThrownBy(() -> Ledger.open(db, Clock.systemUTC()).verify(null))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  @Test
  void anUnreachablePostgresqlIsUnreachableAndHidesThePassword() {
    assertThatThrownBy(() -> Ledger.open("jdbc:postgresql://127.0.0.1:1/x?user=u&password=secret", Clock.systemUTC()))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE))
        .hasMessageContaining("127.0.0.1:1").hasMessageNotContaining("secret");
  }
}
