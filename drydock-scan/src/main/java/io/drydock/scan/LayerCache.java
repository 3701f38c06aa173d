package io.drydock.scan;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.Digest;
import io.drydock.scan.analyzer.Analyzer;
import io.drydock.scan.layer.LayerResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Per-layer results on disk, so that a base layer shared by many images is analysed once. One JSON file per
 * (diffID, analyzer set): {@code DIR/layers/sha256-<diffID hex>-<key>.json}, where the key hashes the sorted
 * {@code name:version} list of the analyzers and the format version. A file that cannot be read or parsed, or
 * that describes another layer, is ignored (and rewritten by the next {@link #put}). Writes go to a temporary
 * file in the same directory and are moved into place atomically; nothing is written outside {@code DIR}.
 */
public final class LayerCache {
  /** Bump when {@link LayerResult}'s JSON or the walker's output for the same layer changes. */
  static final int FORMAT = 1;
  private static final long MAX_FILE_BYTES = 1L << 30;

  private final Path layersDir;
  private final ObjectMapper json;

  private LayerCache(Path dir) {
    this.layersDir = dir.resolve("layers");
    this.json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /** A cache in {@code dir} (created when first written). */
  public static LayerCache at(Path dir) {
    return new LayerCache(dir.toAbsolutePath().normalize());
  }

  /**
   * The user cache directory for drydock: {@code $XDG_CACHE_HOME/drydock}, else {@code ~/.cache/drydock}
   * (the directory the vulnerability DB shares).
   */
  public static Path defaultDir(Map<String, String> env, Path userHome) {
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg).resolve("drydock");
    }
    return userHome.resolve(".cache").resolve("drydock");
  }

  /** The part of the cache key that names the analyzers: a hash of their sorted {@code name:version} list. */
  public static String analyzersKey(List<Analyzer> analyzers) {
    String names = analyzers.stream().map(a -> a.name() + ":" + a.version()).sorted(Comparator.naturalOrder())
        .collect(Collectors.joining("\n", "format:" + FORMAT + "\n", ""));
    return Digest.sha256(names.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 16);
  }

  Path fileFor(Digest diffId, String analyzersKey) {
    if (!analyzersKey.matches("[0-9a-f]{16}")) {
      throw new IllegalArgumentException("malformed analyzers key '" + analyzersKey + "'");
    }
    return layersDir.resolve(diffId.algorithm() + "-" + diffId.hex() + "-" + analyzersKey + ".json");
  }

  /** The cached result, or empty when there is none or it is unreadable. */
  public Optional<LayerResult> get(Digest diffId, String analyzersKey) {
    Path file = fileFor(diffId, analyzersKey);
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        return Optional.empty();
      }
      LayerResult result = json.readValue(file.toFile(), LayerResult.class);
      return result != null && diffId.equals(result.diffId()) ? Optional.of(result) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // corrupt or from another version: treated as a miss and rewritten
    }
  }

  /** Stores {@code result} atomically. */
  public void put(String analyzersKey, LayerResult result) throws IOException {
    Path file = fileFor(result.diffId(), analyzersKey);
    Files.createDirectories(layersDir);
    Path temp = Files.createTempFile(layersDir, ".layer-", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        json.writeValue(out, result);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
