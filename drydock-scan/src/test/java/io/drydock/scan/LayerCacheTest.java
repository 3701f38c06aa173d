package io.drydock.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Digest;
import io.drydock.model.OsInfo;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.layer.FakeAnalyzer;
import io.drydock.scan.layer.LayerResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class LayerCacheTest {

  static final Digest DIFF_ID = Digest.sha256("layer".getBytes(StandardCharsets.UTF_8));

  static LayerResult sample() {
    AnalysisResult apk = new AnalysisResult(null, List.of(FakeAnalyzer.pkg("musl", "1.2.5-r0", "lib/apk/db/installed")),
        List.of(new Skip("lib/apk/db/installed", "odd record")));
    return new LayerResult(DIFF_ID,
        Map.of("apk", Map.of("lib/apk/db/installed", apk),
            "os", Map.of("etc/os-release", AnalysisResult.ofOs(new OsInfo("alpine", "3.20.3", "Alpine Linux v3.20")))),
        Map.of("lib/apk/db/installed", "f", "bin/bbsuid", "fug", "lib", "d"),
        List.of("etc/motd"), List.of("opt/cache"), List.of(new Skip("layer x entry ../e", "path escapes the root")), 1234);
  }

  public static List<Path> tree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void roundTripsALayerResult(@TempDir Path root) throws IOException {
    Path cacheDir = root.resolve("cache");
    LayerCache cache = LayerCache.at(cacheDir);
    String key = "0123456789abcdef";
    assertThat(cache.get(DIFF_ID, key)).isEmpty();
    cache.put(key, sample());
    assertThat(cache.get(DIFF_ID, key)).contains(sample());
    assertThat(cache.get(DIFF_ID, "fedcba9876543210")).isEmpty();
    assertThat(tree(root)).allMatch(p -> p.equals(root) || p.startsWith(cacheDir));
    assertThat(tree(cacheDir.resolve("layers"))).extracting(p -> p.getFileName().toString())
        .containsExactly("layers", "sha256-" + DIFF_ID.hex() + "-" + key + ".json");
  }

  @Test
  void ignoresAndRewritesACorruptFile(@TempDir Path root) throws IOException {
    LayerCache cache = LayerCache.at(root);
    String key = "0123456789abcdef";
    Path file = cache.fileFor(DIFF_ID, key);
    Files.createDirectories(file.getParent());
    for (String junk : List.of("{\"diffId\": {\"algorithm\": \"md5\"", "[]", "", "null",
        "{\"diffId\":{\"algorithm\":\"sha256\",\"hex\":\"" + "0".repeat(64) + "\"},\"results\":{},\"paths\":{},"
            + "\"whiteouts\":[],\"opaqueDirs\":[],\"skipped\":[],\"uncompressedBytes\":1}")) {
      Files.writeString(file, junk);
      assertThat(cache.get(DIFF_ID, key)).as(junk).isEmpty();
    }
    cache.put(key, sample());
    assertThat(cache.get(DIFF_ID, key)).contains(sample());
  }

  @Test
  void theKeyDependsOnAnalyzerNamesAndVersionsNotTheirOrder() {
    FakeAnalyzer a1 = new FakeAnalyzer("apk", 1, p -> true);
    FakeAnalyzer a2 = new FakeAnalyzer("apk", 2, p -> true);
    FakeAnalyzer b = new FakeAnalyzer("jar", 1, p -> true);
    assertThat(LayerCache.analyzersKey(List.of(a1, b))).isEqualTo(LayerCache.analyzersKey(List.of(b, a1)))
        .isNotEqualTo(LayerCache.analyzersKey(List.of(a2, b)))
        .isNotEqualTo(LayerCache.analyzersKey(List.of(a1)))
        .matches("[0-9a-f]{16}");
  }

  @Test
  void defaultDirFollowsXdg() {
    Path home = Path.of("/home/u");
    assertThat(LayerCache.defaultDir(Map.of("XDG_CACHE_HOME", "/x/cache"), home)).isEqualTo(Path.of("/x/cache/drydock"));
    assertThat(LayerCache.defaultDir(Map.of("XDG_CACHE_HOME", "relative"), home)).isEqualTo(Path.of("/home/u/.cache/drydock"));
    assertThat(LayerCache.defaultDir(Map.of(), home)).isEqualTo(Path.of("/home/u/.cache/drydock"));
  }
}
