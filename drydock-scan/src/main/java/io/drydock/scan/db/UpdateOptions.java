package io.drydock.scan.db;

import io.drydock.model.DrydockException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@link VulnDbUpdater#update} fetches and where it keeps it.
 *
 * @param repository base URL of the OSV exports; {@code {repository}/{ecosystem}/all.zip} is fetched
 * @param ecosystems OSV ecosystem names, as in the export paths ({@code Debian}, {@code Red Hat}, {@code crates.io})
 * @param cacheDir holds the DB ({@code vulndb.sqlite}) and the downloads ({@code osv/})
 * @param connectTimeout to open a connection
 * @param idleTimeout longest wait for the next bytes of a response (headers or body)
 * @param retries further attempts after a connection failure, a timeout or a 5xx answer
 * @param retryBackoff wait before the first retry; doubled for each further one
 * @param maxDownloadBytes largest export accepted (a bigger one fails the update)
 */
public record UpdateOptions(
    URI repository,
    List<String> ecosystems,
    Path cacheDir,
    Duration connectTimeout,
    Duration idleTimeout,
    int retries,
    Duration retryBackoff,
    long maxDownloadBytes) {

  /** The public OSV bucket. */
  public static final URI DEFAULT_REPOSITORY = URI.create("https://osv-vulnerabilities.storage.googleapis.com");

  /** Environment variable that overrides {@link #DEFAULT_REPOSITORY} (a mirror). */
  public static final String REPOSITORY_ENV = "DRYDOCK_DB_REPOSITORY";

  /** The ecosystems fetched by default: the distributions and language ecosystems drydock matches. */
  public static final List<String> DEFAULT_ECOSYSTEMS =
      List.of(
          "Debian", "Ubuntu", "Alpine", "Red Hat", "AlmaLinux", "Rocky Linux", "SUSE", "openSUSE", "Wolfi", "Chainguard",
          "Maven", "npm", "PyPI", "Go", "crates.io", "RubyGems", "NuGet");

  public UpdateOptions {
    String scheme = repository.getScheme();
    if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || repository.getHost() == null) {
      throw DrydockException.usage(
          "Tried to use the vulnerability DB repository " + repository + " but failed because: it is not an http(s) URL");
    }
    ecosystems = List.copyOf(ecosystems);
    if (ecosystems.isEmpty()) {
      throw DrydockException.usage("Tried to update the vulnerability DB but failed because: no ecosystem was chosen");
    }
    for (String e : ecosystems) {
      if (e.isBlank() || e.contains("/") || e.contains("..") || e.chars().anyMatch(Character::isISOControl)) {
        throw DrydockException.usage("Tried to update the vulnerability DB but failed because: '" + e + "' is not an ecosystem name");
      }
    }
    if (retries < 0 || maxDownloadBytes <= 0) {
      throw new IllegalArgumentException("retries must be >= 0 and maxDownloadBytes > 0");
    }
  }

  /** Defaults: 30 s connect and idle timeouts, 2 retries from 2 s, 8 GiB per export. */
  public static UpdateOptions of(URI repository, List<String> ecosystems, Path cacheDir) {
    return new UpdateOptions(repository, ecosystems, cacheDir, Duration.ofSeconds(30), Duration.ofSeconds(30), 2,
        Duration.ofSeconds(2), 8L * 1024 * 1024 * 1024);
  }

  /** {@code --db-repository} when given, else {@code $DRYDOCK_DB_REPOSITORY}, else the public OSV bucket. */
  public static URI repository(String flag, Map<String, String> env) {
    String v = flag != null && !flag.isBlank() ? flag : env.get(REPOSITORY_ENV);
    if (v == null || v.isBlank()) {
      return DEFAULT_REPOSITORY;
    }
    try {
      return URI.create(v.strip().replaceAll("/+$", ""));
    } catch (IllegalArgumentException e) {
      throw DrydockException.usage("Tried to use the vulnerability DB repository " + v + " but failed because: " + e.getMessage());
    }
  }

  public Path database() {
    return cacheDir.resolve("vulndb.sqlite");
  }

  public Path downloads() {
    return cacheDir.resolve("osv");
  }
}
