package io.drydock.scan.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.event.Event;
import io.drydock.model.event.EventSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code db update} against a local HTTP server that serves per-ecosystem OSV export zips built from the real
 * fixture records (the Maven and PyPI records of lang-advisories.zip), with ETag / Last-Modified validators and
 * injected failures.
 */
class VulnDbUpdaterTest {
  @TempDir Path cache;
  HttpServer server;
  final Map<String, Served> served = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  final List<String> conditionalHeaders = new CopyOnWriteArrayList<>();
  final List<Event> events = new CopyOnWriteArrayList<>();

  /** What the server answers for one path. */
  record Served(byte[] body, String etag, String lastModified, String mode) {}

  static byte[] zipOf(String prefix) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipFile src = new ZipFile(Resources.of("/advisories/lang-advisories.zip").toFile()); ZipOutputStream out = new ZipOutputStream(buf)) {
      for (ZipEntry e : src.stream().filter(e -> e.getName().startsWith(prefix) && e.getName().endsWith(".json")).toList()) {
        out.putNextEntry(new ZipEntry(e.getName()));
        src.getInputStream(e).transferTo(out);
        out.closeEntry();
      }
    }
    return buf.toByteArray();
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    served.put("/Maven/all.zip", new Served(zipOf("maven/"), "\"m1\"", null, "ok"));
    served.put("/PyPI/all.zip", new Served(zipOf("pypi/json/"), null, "Sat, 21 Nov 2026 04:00:00 GMT", "ok"));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
    Served s = served.get(path);
    try (ex) {
      String inm = ex.getRequestHeaders().getFirst("If-None-Match");
      String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
      if (inm != null || ims != null) {
        conditionalHeaders.add(path + " " + (inm != null ? "If-None-Match: " + inm : "If-Modified-Since: " + ims));
      }
      if (s == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      switch (s.mode) {
        case "500" -> {
          ex.sendResponseHeaders(500, -1);
          return;
        }
        case "slow" -> {
          try {
            Thread.sleep(3000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ex.sendResponseHeaders(200, -1);
          return;
        }
        default -> { }
      }
      if ((s.etag != null && s.etag.equals(inm)) || (s.etag == null && s.lastModified != null && s.lastModified.equals(ims))) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
      if (s.etag != null) {
        ex.getResponseHeaders().add("ETag", s.etag);
      }
      if (s.lastModified != null) {
        ex.getResponseHeaders().add("Last-Modified", s.lastModified);
      }
      if (s.mode.equals("short-body")) {
        ex.sendResponseHeaders(200, s.body.length);
        OutputStream out = ex.getResponseBody();
        out.write(s.body, 0, s.body.length / 2);
        out.flush();
        ex.getHttpContext().getServer(); // then the exchange closes with the body unfinished
        return;
      }
      ex.sendResponseHeaders(200, s.body.length);
      ex.getResponseBody().write(s.body);
    }
  }

  private UpdateOptions options(String... ecosystems) {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new UpdateOptions(base, List.of(ecosystems), cache, Duration.ofSeconds(2), Duration.ofMillis(500), 1,
        Duration.ofMillis(10), 64L * 1024 * 1024);
  }

  private VulnDbUpdater.Result update(UpdateOptions o) throws InterruptedException {
    return new VulnDbUpdater(VulnDbUpdater.httpClient(o.connectTimeout()), Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC),
        events::add).update(o);
  }

  private long advisories() {
    try (VulnDb db = VulnDb.open(cache.resolve("vulndb.sqlite"))) {
      return db.metadata().advisories();
    }
  }

  @Test
  void firstUpdateDownloadsAndImportsThenValidatorsGive304AndTheDbIsKept() throws Exception {
    VulnDbUpdater.Result first = update(options("Maven", "PyPI"));
    assertThat(first.fetches()).extracting(VulnDbUpdater.Fetch::outcome)
        .containsExactly(VulnDbUpdater.Outcome.DOWNLOADED, VulnDbUpdater.Outcome.DOWNLOADED);
    assertThat(first.imported()).isNotNull();
    assertThat(advisories()).isEqualTo(366 + 248);
    try (VulnDb db = VulnDb.open(cache.resolve("vulndb.sqlite"))) {
      assertThat(db.status().ecosystems()).containsEntry("Maven", 366L).containsEntry("PyPI", 250L); // two Maven records also name PyPI packages
    }
    long modified = Files.getLastModifiedTime(cache.resolve("vulndb.sqlite")).toMillis();

    VulnDbUpdater.Result second = update(options("Maven", "PyPI"));
    assertThat(second.fetches()).extracting(VulnDbUpdater.Fetch::outcome)
        .containsExactly(VulnDbUpdater.Outcome.NOT_MODIFIED, VulnDbUpdater.Outcome.NOT_MODIFIED);
    assertThat(second.imported()).isNull();
    assertThat(conditionalHeaders).containsExactly(
        "/Maven/all.zip If-None-Match: \"m1\"", "/PyPI/all.zip If-Modified-Since: Sat, 21 Nov 2026 04:00:00 GMT");
    assertThat(Files.getLastModifiedTime(cache.resolve("vulndb.sqlite")).toMillis()).isEqualTo(modified);
    assertThat(VulnDbUpdater.cached(cache)).extracting(VulnDbUpdater.CachedExport::ecosystem).containsExactly("Maven", "PyPI");
    assertThat(events).anyMatch(e -> e instanceof Event.Progress p && p.task().equals("db update"));
  }

  @Test
  void aChangedExportIsDownloadedAndTheDbRebuiltFromEveryCachedExport() throws Exception {
    update(options("Maven", "PyPI"));
    served.put("/Maven/all.zip", new Served(zipOf("maven/github-advisory-database/"), "\"m2\"", null, "ok"));
    VulnDbUpdater.Result r = update(options("Maven", "PyPI"));
    assertThat(r.fetches()).extracting(VulnDbUpdater.Fetch::outcome)
        .containsExactly(VulnDbUpdater.Outcome.DOWNLOADED, VulnDbUpdater.Outcome.NOT_MODIFIED);
    assertThat(advisories()).isEqualTo(4 + 248);
  }

  @Test
  void serverErrorsAreRetriedThenFailAndTheOldDbStays() throws Exception {
    update(options("Maven", "PyPI"));
    served.put("/Maven/all.zip", new Served(new byte[0], "\"m3\"", null, "500"));
    requests.clear();
    assertThatThrownBy(() -> update(options("Maven", "PyPI")))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE))
        .hasMessageContaining("HTTP 500 after 2 attempts; the previous DB was kept");
    assertThat(requests.get("/Maven/all.zip")).hasValue(2);
    assertThat(advisories()).isEqualTo(366 + 248);
  }

  @Test
  void aServerThatDoesNotAnswerTimesOutAndTheOldDbStays() throws Exception {
    update(options("Maven"));
    served.put("/Maven/all.zip", new Served(new byte[0], "\"m4\"", null, "slow"));
    assertThatThrownBy(() -> update(options("Maven")))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE))
        .hasMessageContaining("no answer within 500 ms after 2 attempts");
    assertThat(advisories()).isEqualTo(366);
  }

  @Test
  void aTruncatedZipIsRejectedAndNeitherTheCachedExportNorTheDbChange() throws Exception {
    update(options("Maven"));
    byte[] cachedBefore = Files.readAllBytes(cache.resolve("osv/Maven.zip"));
    byte[] zip = zipOf("maven/");
    served.put("/Maven/all.zip", new Served(Arrays.copyOf(zip, zip.length - 100), "\"m5\"", null, "ok"));
    assertThatThrownBy(() -> update(options("Maven")))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining("is not a readable zip");
    assertThat(Files.readAllBytes(cache.resolve("osv/Maven.zip"))).isEqualTo(cachedBefore);
    assertThat(advisories()).isEqualTo(366);
    assertThat(cache.resolve("osv/Maven.zip.part")).doesNotExist();
  }

  @Test
  void aBodyCutShortIsRetriedThenFails() throws Exception {
    served.put("/Maven/all.zip", new Served(zipOf("maven/"), "\"m6\"", null, "short-body"));
    assertThatThrownBy(() -> update(options("Maven")))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNREACHABLE))
        .hasMessageContaining("after 2 attempts");
    assertThat(cache.resolve("vulndb.sqlite")).doesNotExist();
  }

  @Test
  void anExportOverTheSizeLimitIsRefusedBeforeItIsStored() {
    UpdateOptions o = options("Maven");
    UpdateOptions small = new UpdateOptions(o.repository(), o.ecosystems(), o.cacheDir(), o.connectTimeout(), o.idleTimeout(), 0,
        o.retryBackoff(), 10_000);
    assertThatThrownBy(() -> update(small))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining("over the limit of 10000");
    assertThat(cache.resolve("osv/Maven.zip")).doesNotExist();
    assertThat(cache.resolve("osv/Maven.zip.part")).doesNotExist();
  }

  @Test
  void anUnknownEcosystemIsNotFoundAndNamesSpacesCorrectly() {
    assertThat(VulnDbUpdater.exportUri(URI.create("https://m.example/osv/"), "Red Hat").toString())
        .isEqualTo("https://m.example/osv/Red%20Hat/all.zip");
    assertThat(VulnDbUpdater.fileName("Red Hat")).isEqualTo("Red_Hat.zip");
    assertThatThrownBy(() -> update(options("Red Hat")))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContaining("/Red%20Hat/all.zip but failed because: HTTP 404");
    assertThat(requests).containsKey("/Red Hat/all.zip");
  }

  @Test
  void optionsRejectNonHttpRepositoriesAndPathLikeEcosystems() {
    assertThatThrownBy(() -> UpdateOptions.of(URI.create("file:///etc"), List.of("Maven"), cache)).isInstanceOf(DrydockException.class);
    assertThatThrownBy(() -> UpdateOptions.of(URI.create("http://127.0.0.1"), List.of("../x"), cache)).isInstanceOf(DrydockException.class);
    assertThat(UpdateOptions.repository(null, Map.of("DRYDOCK_DB_REPOSITORY", "http://mirror.local/osv/")))
        .isEqualTo(URI.create("http://mirror.local/osv"));
    assertThat(UpdateOptions.repository("http://flag", Map.of("DRYDOCK_DB_REPOSITORY", "http://env"))).isEqualTo(URI.create("http://flag"));
    assertThat(UpdateOptions.repository(null, Map.of())).isEqualTo(UpdateOptions.DEFAULT_REPOSITORY);
  }
}
