package io.drydock.scan.db;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * {@code drydock db update}: the one facade to the OSV export repository. For each ecosystem it fetches
 * {@code {repository}/{ecosystem}/all.zip} into the cache, conditionally ({@code If-None-Match} with the stored
 * ETag, else {@code If-Modified-Since} with the stored Last-Modified; 304 keeps the cached file), retries connection
 * failures, timeouts and 5xx answers, checks that the download is a readable zip and only then replaces the cached
 * file. When an export changed (or the DB is missing or of another schema) the DB is rebuilt from every cached
 * export by {@link VulnDbImporter}, which swaps the file atomically. Any failure leaves the previous DB as it was.
 */
public final class VulnDbUpdater {

  /** What happened to one ecosystem. */
  public enum Outcome { DOWNLOADED, NOT_MODIFIED }

  /** One ecosystem's fetch. */
  public record Fetch(String ecosystem, Outcome outcome, long bytes) {}

  /**
   * @param imported the import summary when the DB was rebuilt, null when nothing changed and the DB was kept
   */
  public record Result(List<Fetch> fetches, @Nullable ImportSummary imported) {
    public Result {
      fetches = List.copyOf(fetches);
    }
  }

  /** One export in the cache, as {@code db status} shows it. */
  public record CachedExport(String ecosystem, String repository, @Nullable String etag, @Nullable String lastModified,
      java.time.Instant fetchedAt, long bytes) {}

  /** The exports {@code db update} keeps in {@code cacheDir} (empty when it never ran there). */
  public static List<CachedExport> cached(Path cacheDir) {
    UpdateState state = UpdateState.load(cacheDir.resolve("osv").resolve("state.json"));
    List<CachedExport> out = new ArrayList<>();
    state.entries.forEach((k, e) -> out.add(new CachedExport(k, state.repository, e.etag(), e.lastModified(), e.fetchedAt(), e.size())));
    return out;
  }

  private final HttpClient http;
  private final Clock clock;
  private final EventSink events;

  public VulnDbUpdater(HttpClient http, Clock clock, EventSink events) {
    this.http = http;
    this.clock = clock;
    this.events = events;
  }

  /** An HTTP client for the updater: follows redirects (not https → http), the given connect timeout. */
  public static HttpClient httpClient(Duration connectTimeout) {
    return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /**
   * Fetches what changed and rebuilds the DB if needed.
   *
   * @throws DrydockException UNREACHABLE when an export cannot be fetched, INVALID_INPUT when one is not a readable
   *     zip or too large, NOT_FOUND for an ecosystem the repository does not have, DB when the DB cannot be written;
   *     in every case the previous DB is kept
   * @throws InterruptedException when interrupted (the previous DB is kept)
   */
  public Result update(UpdateOptions options) throws InterruptedException {
    Path downloads = options.downloads();
    Path stateFile = downloads.resolve("state.json");
    try {
      Files.createDirectories(downloads);
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.DB, "Tried to create the cache directory " + downloads + " but failed because: " + e, e);
    }
    UpdateState loaded = UpdateState.load(stateFile);
    Map<String, UpdateState.Entry> entries = new LinkedHashMap<>(loaded.entries);
    if (!loaded.repository.equals(options.repository().toString())) {
      entries.clear(); // another mirror: its validators mean nothing here
    }
    List<Fetch> fetches = new ArrayList<>();
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "drydock-db-update-watchdog");
      t.setDaemon(true);
      return t;
    });
    try {
      for (String ecosystem : options.ecosystems()) {
        UpdateState.Entry old = entries.get(ecosystem);
        if (old != null && !Files.isRegularFile(downloads.resolve(old.file()))) {
          old = null;
        }
        Fetched f = fetch(options, ecosystem, old, downloads, watchdog);
        if (f.entry != null) {
          entries.put(ecosystem, f.entry);
          save(new UpdateState(options.repository().toString(), entries), stateFile);
        }
        fetches.add(new Fetch(ecosystem, f.entry == null ? Outcome.NOT_MODIFIED : Outcome.DOWNLOADED, f.bytes));
      }
    } finally {
      watchdog.shutdownNow();
    }
    boolean pending = entries.values().stream().anyMatch(UpdateState.Entry::pending);
    if (!pending && dbUsable(options.database())) {
      events.info("vulnerability DB is up to date");
      return new Result(fetches, null);
    }
    List<Path> sources = new ArrayList<>();
    entries.values().stream().map(e -> downloads.resolve(e.file())).filter(Files::isRegularFile).sorted().forEach(sources::add);
    ImportSummary summary = new VulnDbImporter(clock, events).importFrom(sources, options.database());
    Map<String, UpdateState.Entry> done = new LinkedHashMap<>();
    entries.forEach((k, e) -> done.put(k, new UpdateState.Entry(e.file(), e.etag(), e.lastModified(), e.fetchedAt(), e.size(), false)));
    save(new UpdateState(options.repository().toString(), done), stateFile);
    return new Result(fetches, summary);
  }

  private static boolean dbUsable(Path db) {
    if (!Files.isRegularFile(db)) {
      return false;
    }
    try (VulnDb ignored = VulnDb.open(db)) {
      return true;
    } catch (DrydockException e) {
      return false;
    }
  }

  private static void save(UpdateState state, Path file) {
    try {
      state.save(file);
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.DB, "Tried to write " + file + " but failed because: " + e, e);
    }
  }

  private record Fetched(UpdateState.@Nullable Entry entry, long bytes) {}

  static URI exportUri(URI repository, String ecosystem) {
    String base = repository.toString().replaceAll("/+$", "");
    return URI.create(base + "/" + encodePathSegment(ecosystem) + "/all.zip");
  }

  static String fileName(String ecosystem) {
    return ecosystem.replaceAll("[^A-Za-z0-9._-]", "_") + ".zip";
  }

  private static String encodePathSegment(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    return sb.toString();
  }

  private Fetched fetch(UpdateOptions o, String ecosystem, UpdateState.@Nullable Entry old, Path downloads,
      ScheduledExecutorService watchdog) throws InterruptedException {
    URI uri = exportUri(o.repository(), ecosystem);
    String why = "";
    Duration backoff = o.retryBackoff();
    for (int attempt = 0; attempt <= o.retries(); attempt++) {
      if (attempt > 0) {
        events.warn("retrying " + uri + " in " + backoff.toMillis() + " ms (" + why + ")");
        Thread.sleep(backoff.toMillis());
        backoff = backoff.multipliedBy(2);
      }
      HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(o.idleTimeout()).GET();
      if (old != null && old.etag() != null) {
        req.header("If-None-Match", old.etag());
      } else if (old != null && old.lastModified() != null) {
        req.header("If-Modified-Since", old.lastModified());
      }
      HttpResponse<InputStream> resp;
      try {
        resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        why = "no answer within " + o.idleTimeout().toMillis() + " ms";
        continue;
      } catch (IOException e) {
        why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        continue;
      }
      int status = resp.statusCode();
      if (status == 304 && old != null) {
        close(resp.body());
        events.debug(ecosystem + ": not modified");
        return new Fetched(null, 0);
      }
      if (status >= 500 || status == 429) {
        close(resp.body());
        why = "HTTP " + status;
        continue;
      }
      if (status == 404) {
        close(resp.body());
        throw DrydockException.notFound("Tried to download " + uri + " but failed because: HTTP 404 (is '" + ecosystem
            + "' an OSV ecosystem?); the previous DB was kept");
      }
      if (status != 200) {
        close(resp.body());
        throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to download " + uri + " but failed because: HTTP " + status
            + "; the previous DB was kept");
      }
      Path part = downloads.resolve(fileName(ecosystem) + ".part");
      long bytes;
      try {
        bytes = download(resp, part, ecosystem, o, watchdog);
      } catch (IOException e) {
        deleteQuietly(part);
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("interrupted while downloading " + uri);
        }
        why = e.getMessage();
        continue;
      }
      try {
        checkZip(part, uri);
        Path target = downloads.resolve(fileName(ecosystem));
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new DrydockException(ErrorKind.DB, "Tried to store " + uri + " in " + downloads + " but failed because: " + e, e);
      } finally {
        deleteQuietly(part);
      }
      String etag = resp.headers().firstValue("ETag").orElse(null);
      String lastModified = resp.headers().firstValue("Last-Modified").orElse(null);
      return new Fetched(new UpdateState.Entry(fileName(ecosystem), etag, lastModified, clock.instant(), bytes, true), bytes);
    }
    throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to download " + uri + " but failed because: " + why + " after "
        + (o.retries() + 1) + " attempts; the previous DB was kept");
  }

  /** Streams the body to {@code part}; an idle body (no bytes for the idle timeout) or an oversized one fails. */
  private long download(HttpResponse<InputStream> resp, Path part, String ecosystem, UpdateOptions o,
      ScheduledExecutorService watchdog) throws IOException, InterruptedException {
    long total = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (total > o.maxDownloadBytes()) {
      close(resp.body());
      throw DrydockException.invalidInput("Tried to download " + resp.uri() + " but failed because: it is " + total
          + " bytes, over the limit of " + o.maxDownloadBytes() + "; the previous DB was kept");
    }
    AtomicLong lastRead = new AtomicLong(System.nanoTime());
    AtomicBoolean idle = new AtomicBoolean();
    Thread reader = Thread.currentThread();
    InputStream in = resp.body();
    long period = Math.max(10, Math.min(1000, o.idleTimeout().toMillis() / 4));
    ScheduledFuture<?> check = watchdog.scheduleAtFixedRate(() -> {
      if (System.nanoTime() - lastRead.get() > o.idleTimeout().toNanos() && idle.compareAndSet(false, true)) {
        close(in);
        reader.interrupt();
      }
    }, period, period, TimeUnit.MILLISECONDS);
    long done = 0;
    try (in; OutputStream out = Files.newOutputStream(part)) {
      byte[] buf = new byte[1 << 16];
      int n;
      long lastEvent = 0;
      while ((n = in.read(buf)) >= 0) {
        lastRead.set(System.nanoTime());
        out.write(buf, 0, n);
        done += n;
        if (done > o.maxDownloadBytes()) {
          throw DrydockException.invalidInput("Tried to download " + resp.uri() + " but failed because: it is over the limit of "
              + o.maxDownloadBytes() + " bytes; the previous DB was kept");
        }
        if (done - lastEvent >= (1 << 20)) {
          lastEvent = done;
          events.progress("db update", ecosystem, done, total);
        }
      }
      if (total >= 0 && done != total) {
        throw new IOException("the body ended after " + done + " of " + total + " bytes");
      }
    } catch (IOException e) {
      if (idle.get()) {
        throw new IOException("no data for " + o.idleTimeout().toMillis() + " ms after " + done + " bytes");
      }
      throw new IOException("the download broke after " + done + " bytes: " + e.getMessage(), e);
    } finally {
      check.cancel(false);
      if (idle.get()) {
        Thread.interrupted(); // the watchdog's own interrupt, not the caller's
      }
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("interrupted while downloading " + resp.uri());
    }
    events.progress("db update", ecosystem, done, done);
    return done;
  }

  private static void checkZip(Path part, URI uri) {
    try (ZipFile zip = new ZipFile(part.toFile())) {
      if (zip.size() == 0) {
        throw DrydockException.invalidInput("Tried to read the download of " + uri + " but failed because: the zip is empty;"
            + " the previous DB was kept");
      }
    } catch (IOException e) {
      throw DrydockException.invalidInput("Tried to read the download of " + uri + " but failed because: it is not a readable zip ("
          + e.getMessage() + "), e.g. truncated; the previous DB was kept");
    }
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // nothing to release
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a leftover .part file is replaced by the next download
    }
  }
}
