package io.drydock.cli.support;

import io.drydock.image.ImageOptions;
import io.drydock.model.DrydockException;
import io.drydock.model.Platform;
import io.drydock.model.event.EventSink;
import io.drydock.scan.ScanService;
import io.drydock.scan.LayerCache;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How to reach and open images; shared by every command that reads one. */
public final class ImageOptionsMixin {

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform to pick from a multi-arch image (default: this machine's, e.g. linux/amd64).")
  public @Nullable String platform;

  @Option(names = "--insecure", description = "Allow plain HTTP and unverified TLS to registries that are not on loopback.")
  boolean insecure;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Cache for per-layer results and the vulnerability DB (default: $XDG_CACHE_HOME/drydock or ~/.cache/drydock).")
  @Nullable Path cacheDir;

  @Option(names = "--no-cache", description = "Analyse every layer again; do not read or write the layer cache.")
  boolean noCache;

  @Mixin EngineHostOption engineHost = new EngineHostOption();

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Timeout of each registry or engine request, in seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  public Path cacheDir() {
    return cacheDir != null ? cacheDir : LayerCache.defaultDir(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** Where per-layer results go, or null with {@code --no-cache}. */
  public @Nullable Path layerCacheDir() {
    return noCache ? null : cacheDir();
  }

  /**
   * Temporary files of this run. Libraries that unpack native code (sqlite-jdbc, zstd-jni) and engine exports
   * are pointed here too, so that drydock writes nothing outside its cache dir.
   */
  public Path workDir() {
    return workDirUnder(cacheDir());
  }

  /** {@code CACHE/tmp}, created; in the drydock process also the JVM's temp dir (see {@link #confineProcessTempFiles}). */
  public static Path workDirUnder(Path cacheDir) {
    Path dir = cacheDir.resolve("tmp");
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new io.drydock.model.DrydockException(io.drydock.model.ErrorKind.USAGE,
          "Tried to create the work dir " + dir + " but failed because: " + e.getMessage(), e);
    }
    if (confineProcessTempFiles) {
      System.setProperty("java.io.tmpdir", dir.toString());
      System.setProperty("org.sqlite.tmpdir", dir.toString());
    }
    return dir;
  }

  private static volatile boolean confineProcessTempFiles;

  /**
   * Called by the {@code drydock} process's entry point only: from then on the work dir is also the JVM's temp
   * dir. In-process callers (tests, a server) keep their own, since the setting is JVM-wide and the first
   * native-library load fixes it for good.
   */
  public static void confineProcessTempFiles() {
    confineProcessTempFiles = true;
  }

  /** A registry client with these options (auth from the Docker config, --insecure, --timeout). */
  public io.drydock.image.registry.RegistryClient registryClient(io.drydock.model.event.EventSink events) {
    return io.drydock.image.registry.RegistryClient.builder(toImageOptions()).events(events).build();
  }

  /**
   * The scan stage with these options: the one place a command gets its image inventory from. The work dir is made
   * (and, in the drydock process, becomes the JVM's temp dir) now, before any native library loads.
   */
  public ScanService scanService(EventSink events) {
    return ScanService.create(layerCacheDir(), workDir(), events, Clock.systemUTC());
  }

  /**
   * {@link #scanService(EventSink)} for {@code drydock scan}, whose target may be an SBOM file: nothing is created
   * on disk until an image is opened (its options, {@link #toImageOptions}, make the work dir then).
   */
  public ScanService lazyScanService(EventSink events, Clock clock) {
    return ScanService.create(layerCacheDir(), cacheDir().resolve("tmp"), events, clock);
  }

  /** The vulnerability DB file: {@code --db} when given, else {@code vulndb.sqlite} in the cache dir. */
  public Path vulnDbFile(@Nullable Path db) {
    return db != null ? db : cacheDir().resolve("vulndb.sqlite");
  }

  public ImageOptions toImageOptions() {
    Platform p = null;
    if (platform != null) {
      try {
        p = Platform.parse(platform);
      } catch (IllegalArgumentException e) {
        throw DrydockException.usage(e.getMessage());
      }
    }
    if (timeoutSeconds <= 0) {
      throw DrydockException.usage("--timeout must be a positive number of seconds, not " + timeoutSeconds);
    }
    return new ImageOptions(p, insecure, null, engineHost.value(), workDir(), Duration.ofSeconds(timeoutSeconds));
  }
}
